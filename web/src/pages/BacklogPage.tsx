import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { BacklogView } from '../features/backlog/BacklogView';
import { useBacklogFilters } from '../features/backlog/filters';
import { backlogQuery } from '../features/backlog/useBacklogItems';
import { SkeletonRows } from '../ui/Skeleton';

export function BacklogPage() {
  const key = useParams().key ?? '';
  const product = useProduct(key);
  const { filters } = useBacklogFilters();
  const queryClient = useQueryClient();
  // The first rows and the product load side by side, not one after the other.
  useEffect(() => {
    void queryClient.prefetchInfiniteQuery(backlogQuery(key, filters));
  }, [queryClient, key, filters]);
  // The product layout shows a failed load; here it is only not there yet.
  if (!product.data) return <SkeletonRows count={14} />;
  return <BacklogView product={product.data} />;
}
