import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { ReleasesView } from '../features/releases/ReleasesView';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

export function ReleasesPage() {
  usePageTitle('Releases');
  const product = useProduct(useParams().key ?? '');
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <SkeletonRows count={6} />;
  return <ReleasesView product={product.data} />;
}
