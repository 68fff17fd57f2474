import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { TAnyActivity as TActivity, TItem, TProductDetail } from '@ordo/contract';
import { isApiError } from '../../api/client';
import { itemsApi, summaryOf, type ItemFilters } from '../../api/items';
import { keys } from '../../api/keys';
import { useActivity } from '../../realtime/ProductStreamContext';
import type { MovesInFlight } from '../moves';
import { firstPageOnly, placeByRank, removeRows, type BacklogData } from './cache';
import { matchesFilters, patchable } from './filters';
import { itemCountKeys } from './useBacklogItems';

/** Events gathered this long are applied together (a bulk change arrives as many events). */
const BATCH_MS = 40;
/** More changed items than this at once: reloading the list is cheaper than fetching each. */
const MAX_FETCHES = 25;

/**
 * Keeps every loaded backlog list of the product current from the event stream: each changed item
 * is fetched once and put where its rank says (or taken out when deleted or filtered out), so
 * another person's change shows within a second and nothing else on screen moves.
 */
export function useBacklogLive(productKey: string, inFlight: MovesInFlight) {
  const queryClient = useQueryClient();
  const queue = useRef(new Map<string, TActivity>());
  /** items with more than one event in the batch: only the latest is kept, so its before is not the batch's */
  const merged = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const lists = () => queryClient.getQueriesData<BacklogData>({ queryKey: keys.itemLists(productKey) });

  const reload = (queryKey: QueryKey) => {
    queryClient.setQueryData<BacklogData>(queryKey, (d) => d && firstPageOnly(d));
    void queryClient.invalidateQueries({ queryKey, exact: true });
  };

  /**
   * Creations and deletions change counts; a count of open work (done hidden) changes when an item
   * enters or leaves done; any other filtered count may change with any edit, and is asked again.
   */
  const recount = (item: TItem | null, a: TActivity, again: boolean) => {
    const delta = a.action === 'created' || a.action === 'restored' ? 1 : a.action === 'deleted' ? -1 : 0;
    const categoryOf = (stateId: unknown) =>
      queryClient.getQueryData<TProductDetail>(keys.product(productKey))?.states.find((s) => s.id === stateId)?.category;
    for (const [queryKey, count] of queryClient.getQueriesData<number>({ queryKey: itemCountKeys(productKey) })) {
      if (count === undefined) continue;
      const filters = (queryKey[2] ?? {}) as ItemFilters;
      const unfiltered = Object.keys(filters).every((k) => k === 'sort');
      const byCategory = !unfiltered && Object.keys(filters).every((k) => k === 'sort' || k === 'stateCategory');
      const change = unfiltered ? delta : byCategory && !again ? categoryDelta(filters.stateCategory ?? [], item, a, categoryOf) : null;
      if (change === null) {
        if (delta || (item && patchable(filters))) void queryClient.invalidateQueries({ queryKey, exact: true });
      } else if (change) queryClient.setQueryData<number>(queryKey, Math.max(0, count + change));
    }
  };

  const apply = (item: TItem | null, key: string) => {
    // A change of ours is on its way: its answer puts the row where the server has it.
    if (inFlight.has(key)) return;
    for (const [queryKey, data] of lists()) {
      if (!data) continue;
      const filters = (queryKey[2] ?? {}) as ItemFilters;
      if (!patchable(filters)) {
        reload(queryKey);
        continue;
      }
      const hasMore = data.pages[data.pages.length - 1]?.nextCursor != null;
      const next =
        item && matchesFilters(filters, item) && !item.deletedAt
          ? placeByRank(data, summaryOf(item), hasMore)
          : removeRows(data, new Set([key]));
      if (next !== data) queryClient.setQueryData(queryKey, next);
    }
  };

  const flush = async () => {
    const batch = [...queue.current.values()];
    const several = new Set(merged.current);
    queue.current.clear();
    merged.current.clear();
    if (batch.length > MAX_FETCHES) {
      for (const [queryKey] of lists()) reload(queryKey);
      void queryClient.invalidateQueries({ queryKey: itemCountKeys(productKey) });
      return;
    }
    await Promise.all(
      batch.map(async (a) => {
        const key = a.itemKey!;
        let item: TItem | null = null;
        if (a.action !== 'deleted') {
          try {
            item = await itemsApi.get(key);
          } catch (e) {
            if (!(isApiError(e) && e.status === 404)) return;
          }
        }
        apply(item, key);
        recount(item, a, several.has(key));
        // A child's change moves its epic's progress, under the old parent and the new.
        for (const parent of new Set([item?.parentKey, a.before?.parentKey, a.after?.parentKey])) {
          if (typeof parent === 'string') void queryClient.invalidateQueries({ queryKey: keys.item(parent), exact: true });
        }
      }),
    );
  };

  useActivity((event) => {
    if (!event.itemKey || event.productKey !== productKey) return;
    // A question or a request on an item changes its counts: the row is fetched as after an edit.
    const counted = event.entityType === 'question' || event.entityType === 'request';
    const a = counted ? { ...event, entityType: 'item', action: 'updated' } : event;
    if (a.entityType !== 'item' || !a.itemKey) return;
    // The latest event per item decides; a create followed by an update still counts as new.
    const earlier = queue.current.get(a.itemKey);
    if (earlier) merged.current.add(a.itemKey);
    queue.current.set(a.itemKey, earlier?.action === 'created' ? { ...a, action: 'created' } : a);
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      void flush();
    }, BATCH_MS);
  });
}

/**
 * How one change moves a count of items in some state categories: +1 entering, −1 leaving, 0
 * neither; null when the change does not say (a deletion does not tell the item's state).
 */
function categoryDelta(
  categories: readonly string[],
  item: TItem | null,
  a: TActivity,
  categoryOf: (stateId: unknown) => string | undefined,
): number | null {
  const counted = (category: string | undefined) => (category === undefined ? null : categories.includes(category) ? 1 : 0);
  if (a.action === 'created' || a.action === 'restored') return item ? counted(item.stateCategory) : null;
  if (a.action === 'deleted') return null;
  if (!a.after || !('stateId' in a.after)) return 0;
  const before = counted(categoryOf(a.before?.stateId));
  const after = item ? counted(item.stateCategory) : counted(categoryOf(a.after.stateId));
  return before === null || after === null ? null : after - before;
}
