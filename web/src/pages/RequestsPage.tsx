import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { RequestsView } from '../features/requests/RequestsView';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

export function RequestsPage() {
  usePageTitle('Requests');
  const key = useParams().key!.toUpperCase();
  const product = useProduct(key).data;
  return product ? <RequestsView product={product} /> : <SkeletonRows count={6} height={72} />;
}
