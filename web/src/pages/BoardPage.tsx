import { usePrefetchQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { BoardSkeleton } from '../features/board/BoardSkeleton';
import { BoardView } from '../features/board/BoardView';
import { boardQuery } from '../features/board/useBoard';
import { usePageTitle } from '../features/frame';

export function BoardPage() {
  const key = useParams().key ?? '';
  const product = useProduct(key);
  usePrefetchQuery(boardQuery(key));
  usePageTitle('Board');
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <BoardSkeleton columns={5} />;
  return (
    <>
      <h1 className="visually-hidden">Board</h1>
      <BoardView product={product.data} />
    </>
  );
}
