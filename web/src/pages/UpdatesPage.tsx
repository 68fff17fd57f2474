import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { UpdatesView } from '../features/updates/UpdatesView';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

/** /p/:key/updates, and /p/:key/updates/:updateId (a notification's link) with that update in view. */
export function UpdatesPage() {
  usePageTitle('Status updates');
  const params = useParams();
  const product = useProduct(params.key!.toUpperCase()).data;
  const highlight = params.updateId ? Number(params.updateId) : undefined;
  return product ? <UpdatesView product={product} highlight={highlight} /> : <SkeletonRows count={4} height={120} />;
}
