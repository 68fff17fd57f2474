import { Link, useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { ReleaseView } from '../features/releases/ReleaseView';
import { EmptyState } from '../ui/EmptyState';
import { SkeletonRows } from '../ui/Skeleton';

export function ReleasePage() {
  const params = useParams();
  const product = useProduct(params.key ?? '');
  const releaseId = Number(params.releaseId);
  if (!Number.isInteger(releaseId) || releaseId <= 0) {
    return (
      <EmptyState
        title="There is no release here"
        action={
          <Link className="link" to={`/p/${params.key}/releases`}>
            See the releases
          </Link>
        }
      />
    );
  }
  if (!product.data) return <SkeletonRows count={6} />;
  return <ReleaseView key={releaseId} product={product.data} releaseId={releaseId} />;
}
