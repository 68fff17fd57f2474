import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { TActivity, TItem } from '../../../../src/contract/items';
import { isApiError } from '../../api/client';
import { itemsApi, summaryOf, type ItemFilters } from '../../api/items';
import { keys } from '../../api/keys';
import { useActivity } from '../../realtime/ProductStreamContext';
import { firstPageOnly, placeByRank, removeRows, type BacklogData } from './cache';
import { matchesFilters, patchable } from './filters';
import type { PendingKeys } from './pendingKeys';

/** Events gathered this long are applied together (a bulk change arrives as many events). */
const BATCH_MS = 40;
/** More changed items than this at once: reloading the list is cheaper than fetching each. */
const MAX_FETCHES = 25;

/**
 * Keeps every loaded backlog list of the product current from the event stream: each changed item
 * is fetched once and put where its rank says (or taken out when deleted or filtered out), so
 * another person's change shows within a second and nothing else on screen moves.
 */
export function useBacklogLive(productKey: string, pending: PendingKeys) {
  const queryClient = useQueryClient();
  const queue = useRef(new Map<string, TActivity>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const lists = () => queryClient.getQueriesData<BacklogData>({ queryKey: keys.itemLists(productKey) });

  const reload = (queryKey: QueryKey) => {
    queryClient.setQueryData<BacklogData>(queryKey, (d) => d && firstPageOnly(d));
    void queryClient.invalidateQueries({ queryKey, exact: true });
  };

  const apply = (item: TItem | null, key: string, created: boolean) => {
    if (pending.has(key)) return;
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
          ? placeByRank(data, summaryOf(item), hasMore, created)
          : removeRows(data, new Set([key]), true);
      if (next !== data) queryClient.setQueryData(queryKey, next);
    }
  };

  const flush = async () => {
    const batch = [...queue.current.values()];
    queue.current.clear();
    if (batch.length > MAX_FETCHES) {
      for (const [queryKey] of lists()) reload(queryKey);
      return;
    }
    await Promise.all(
      batch.map(async (a) => {
        const key = a.itemKey!;
        if (a.action === 'deleted') return apply(null, key, false);
        try {
          apply(await itemsApi.get(key), key, a.action === 'created' || a.action === 'restored');
        } catch (e) {
          if (isApiError(e) && e.status === 404) apply(null, key, false);
        }
      }),
    );
  };

  useActivity((a) => {
    if (a.entityType !== 'item' || !a.itemKey || a.productKey !== productKey) return;
    // The latest event per item decides; a create followed by an update still counts as new.
    const earlier = queue.current.get(a.itemKey);
    queue.current.set(a.itemKey, earlier?.action === 'created' ? { ...a, action: 'created' } : a);
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      void flush();
    }, BATCH_MS);
  });
}
