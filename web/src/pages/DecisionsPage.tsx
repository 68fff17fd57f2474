import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { DecisionLog } from '../features/decisions/DecisionLog';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

export function DecisionsPage() {
  usePageTitle('Decisions');
  const key = useParams().key!.toUpperCase();
  const product = useProduct(key).data;
  return product ? <DecisionLog product={product} /> : <SkeletonRows count={6} height={72} />;
}
