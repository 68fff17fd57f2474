import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { itemsApi, type ItemFilters } from '../../api/items';
import { keys } from '../../api/keys';
import { rowsOf } from './cache';

/** Rows per page while scrolling; the first rows show after one small request. */
export const PAGE_SIZE = 100;
/** Rows per page when the reader jumped far ahead of what is loaded (dragging the scrollbar). */
const CATCH_UP_PAGE_SIZE = 500;

/** The key of a list's total, kept apart from its pages: counting costs the server more than a page. */
export const itemCountKey = (productKey: string, filters: ItemFilters) => ['item-count', productKey, filters] as const;
export const itemCountKeys = (productKey: string) => ['item-count', productKey] as const;

/**
 * The backlog in rank order (or WSJF order), a page at a time. `pageSize` decides each next
 * page's size when it is fetched. The event stream keeps loaded pages current, so they never go
 * stale by time.
 */
export function backlogQuery(productKey: string, filters: ItemFilters, pageSize: () => number = () => PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: keys.itemList(productKey, filters),
    queryFn: ({ pageParam, signal }) =>
      itemsApi.list(productKey, filters, { cursor: pageParam, limit: pageParam ? pageSize() : PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** How many items match, for the scrollbar and the count; patched by events like the rows. */
export function backlogCountQuery(productKey: string, filters: ItemFilters) {
  return queryOptions({
    queryKey: itemCountKey(productKey, filters),
    queryFn: async ({ signal }) => (await itemsApi.list(productKey, filters, { limit: 1, count: true }, signal)).total ?? 0,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function useBacklogItems(productKey: string, filters: ItemFilters) {
  // How far down the reader wants rows; a page fetched while far behind is larger.
  const wanted = useRef(0);
  const loaded = useRef(0);
  const query = useInfiniteQuery(
    backlogQuery(productKey, filters, () => (wanted.current - loaded.current > PAGE_SIZE * 2 ? CATCH_UP_PAGE_SIZE : PAGE_SIZE)),
  );
  // Counting waits for the first page: on SQLite one process answers one query at a time, and
  // the rows matter more than the total.
  const count = useQuery({ ...backlogCountQuery(productKey, filters), enabled: !!query.data && !query.isPlaceholderData });

  const rows = useMemo(() => rowsOf(query.data), [query.data]);
  loaded.current = rows.length;
  const known = count.isPlaceholderData ? undefined : count.data;
  // Until the count arrives, a page's worth of placeholders stands for what is not loaded yet.
  const total = !query.hasNextPage ? rows.length : known !== undefined && known > rows.length ? known : rows.length + PAGE_SIZE;
  const shownCount = !query.hasNextPage && !query.isPlaceholderData ? rows.length : (known ?? null);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  /** Asks for rows down to `index`; pages load one after another until it is covered, a page ahead. */
  const ensureLoaded = useCallback(
    (index: number) => {
      wanted.current = index;
      if (hasNextPage && !isFetchingNextPage && index >= loaded.current - PAGE_SIZE) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage],
  );

  return { query, rows, total, count: shownCount, ensureLoaded };
}
