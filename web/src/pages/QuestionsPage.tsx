import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { QuestionsView } from '../features/questions/QuestionsView';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

export function QuestionsPage() {
  usePageTitle('Questions');
  const key = useParams().key!.toUpperCase();
  const product = useProduct(key).data;
  return product ? <QuestionsView product={product} /> : <SkeletonRows count={6} height={72} />;
}
