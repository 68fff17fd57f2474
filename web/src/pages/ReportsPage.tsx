import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { ReportsView } from '../features/reports/ReportsView';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

export function ReportsPage() {
  usePageTitle('Reports');
  const product = useProduct(useParams().key ?? '');
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <SkeletonRows count={6} />;
  return <ReportsView product={product.data} />;
}
