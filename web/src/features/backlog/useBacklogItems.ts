import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { itemsApi, type ItemFilters } from '../../api/items';
import { keys } from '../../api/keys';
import { rowsOf } from './cache';

/** Rows per page while scrolling; the first rows show after one small request. */
export const PAGE_SIZE = 100;
/** Rows per page when the reader jumped far ahead of what is loaded (dragging the scrollbar). */
const CATCH_UP_PAGE_SIZE = 500;

/**
 * The backlog in rank order (or WSJF order), a page at a time. The event stream keeps loaded
 * pages current, so they never go stale by time.
 */
export function useBacklogItems(productKey: string, filters: ItemFilters) {
  // How far down the reader wants rows; a page fetched while far behind is larger.
  const wanted = useRef(0);
  const loaded = useRef(0);
  const query = useInfiniteQuery({
    queryKey: keys.itemList(productKey, filters),
    queryFn: ({ pageParam, signal }) => {
      const behind = wanted.current - loaded.current;
      const limit = pageParam && behind > PAGE_SIZE * 2 ? CATCH_UP_PAGE_SIZE : PAGE_SIZE;
      return itemsApi.list(productKey, filters, { cursor: pageParam, limit, count: !pageParam }, signal);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });

  const rows = useMemo(() => rowsOf(query.data), [query.data]);
  loaded.current = rows.length;
  const total = query.hasNextPage ? Math.max(rows.length, query.data?.pages[0]?.total ?? 0) : rows.length;

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  /** Asks for rows down to `index`; pages load one after another until it is covered. */
  const ensureLoaded = useCallback(
    (index: number) => {
      wanted.current = index;
      if (hasNextPage && !isFetchingNextPage && index >= loaded.current - 30) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage],
  );

  return { query, rows, total, ensureLoaded };
}
