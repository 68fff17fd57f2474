import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { QuestionsView } from '../features/questions/QuestionsView';
import { SkeletonRows } from '../ui/Skeleton';

export function QuestionsPage() {
  const key = useParams().key!.toUpperCase();
  const product = useProduct(key).data;
  return product ? <QuestionsView product={product} /> : <SkeletonRows count={6} height={72} />;
}
