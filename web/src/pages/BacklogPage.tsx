import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { BacklogView } from '../features/backlog/BacklogView';
import { SkeletonRows } from '../ui/Skeleton';

export function BacklogPage() {
  const product = useProduct(useParams().key ?? '');
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <SkeletonRows count={14} />;
  return <BacklogView product={product.data} />;
}
