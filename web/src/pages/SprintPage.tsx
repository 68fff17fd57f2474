import { Link, useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { SprintView } from '../features/sprints/SprintView';
import { EmptyState } from '../ui/EmptyState';
import { SkeletonRows } from '../ui/Skeleton';

export function SprintPage() {
  const params = useParams();
  const product = useProduct(params.key ?? '');
  const sprintId = Number(params.sprintId);
  if (!Number.isInteger(sprintId) || sprintId <= 0) {
    return (
      <EmptyState
        title="There is no sprint here"
        action={
          <Link className="link" to={`/p/${params.key}/sprints`}>
            See the sprints
          </Link>
        }
      />
    );
  }
  if (!product.data) return <SkeletonRows count={6} />;
  return <SprintView key={sprintId} product={product.data} sprintId={sprintId} />;
}
