import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { SprintsView } from '../features/sprints/SprintsView';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

export function SprintsPage() {
  usePageTitle('Sprints');
  const product = useProduct(useParams().key ?? '');
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <SkeletonRows count={6} />;
  return <SprintsView product={product.data} />;
}
