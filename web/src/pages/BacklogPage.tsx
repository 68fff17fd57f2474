import type { QueryClient } from '@tanstack/react-query';
import { useParams, type Params } from 'react-router';
import { useProduct } from '../api/queries';
import { BacklogView } from '../features/backlog/BacklogView';
import { backlogListFilters } from '../features/backlog/filters';
import { backlogQuery } from '../features/backlog/useBacklogItems';
import { SkeletonRows } from '../ui/Skeleton';
import { usePageTitle } from '../features/frame';

/** Starts the first page of rows as the navigation starts, beside the user and the product. */
export function prefetchBacklog(queryClient: QueryClient, params: Params, url: URL) {
  const key = params.key?.toUpperCase();
  if (key) void queryClient.prefetchInfiniteQuery(backlogQuery(key, backlogListFilters(url.searchParams)));
}

export function BacklogPage() {
  const product = useProduct(useParams().key ?? '');
  usePageTitle('Backlog');
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <SkeletonRows count={14} />;
  return (
    <>
      <h1 className="visually-hidden">Backlog</h1>
      <BacklogView product={product.data} />
    </>
  );
}
