import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { UpdateEditor } from '../features/updates/UpdateEditor';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

/** /p/:key/updates/draft: the product's one open draft (opened, or written by Ordo, on arrival). */
export function UpdateDraftPage() {
  usePageTitle('Draft status update');
  const product = useProduct(useParams().key!.toUpperCase()).data;
  return product ? <UpdateEditor product={product} /> : <SkeletonRows count={6} height={48} />;
}
