import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { TBulkRequest, TItem, TItemSummary, TMoveItemRequest } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage, isApiError } from '../../api/client';
import { itemsApi, summaryOf, type ItemFilters } from '../../api/items';
import { useToast } from '../../ui/Toast';
import { insertRowsAt, moveRows, patchRows, removeRows, rowsOf, type BacklogData } from './cache';
import { patchable } from './filters';
import type { PendingKeys } from './pendingKeys';

export interface MoveInput {
  key: string;
  placement: TMoveItemRequest;
  /** where the row shows meanwhile, counted in the list without it */
  toIndex: number;
}

export type BulkAction =
  | { kind: 'top' }
  | { kind: 'bottom' }
  | { kind: 'state'; stateId: number; override?: boolean }
  | { kind: 'assign'; assigneeId: number | null };

/**
 * Changes the owner makes on the backlog. Each shows at once (optimistic), is sent in order
 * (one queue per product, so quick keyboard moves arrive as pressed), and is rolled back with a
 * toast when the server refuses it.
 */
export function useBacklogMutations(opts: {
  productKey: string;
  listKey: QueryKey;
  product: TProductDetail | undefined;
  pending: PendingKeys;
  /** the row new items go after; null puts them at the top */
  anchor: () => string | null;
  onCreated: (item: TItem) => void;
}) {
  const { productKey, listKey, pending } = opts;
  const queryClient = useQueryClient();
  const toast = useToast();
  const scope = { id: `backlog:${productKey}` };

  const edit = (fn: (d: BacklogData) => BacklogData) => queryClient.setQueryData<BacklogData>(listKey, (d) => d && fn(d));
  const snapshot = () => queryClient.getQueryData<BacklogData>(listKey);
  const refused = (what: string, previous: BacklogData | undefined, error: unknown) => {
    if (previous) queryClient.setQueryData(listKey, previous);
    toast(`${what}: ${errorMessage(error)}`, { kind: 'error' });
  };
  const settle = (item: TItem) => edit((d) => patchRows(d, new Set([item.key]), () => summaryOf(item)));

  const move = useMutation({
    scope,
    mutationFn: ({ key, placement }: MoveInput) => itemsApi.move(key, placement),
    onMutate: async ({ key, toIndex }) => {
      pending.add(key);
      // A refetch already in flight read the order before this move; landing after it, it would
      // put the row back until the next event. The move's own event refetches afterwards.
      await queryClient.cancelQueries({ queryKey: listKey, exact: true });
      const previous = snapshot();
      edit((d) => moveRows(d, [key], toIndex));
      return { previous };
    },
    onSuccess: settle,
    onError: (e, { key }, ctx) => refused(`${key} was not moved`, ctx?.previous, e),
    onSettled: (_d, _e, { key }) => pending.delete(key),
  });

  const create = useMutation({
    scope,
    // The anchor is read when the request goes out, so items typed in a row land in that order.
    mutationFn: (title: string) => {
      const after = opts.anchor();
      return itemsApi.create(productKey, after ? { title, after } : { title, position: 'top' });
    },
    onSuccess: (item) => {
      // Only the server knows where a new item falls in WSJF order or a search: ask it again.
      if (!patchable((listKey[2] ?? {}) as ItemFilters)) {
        void queryClient.invalidateQueries({ queryKey: listKey, exact: true });
        opts.onCreated(item);
        return;
      }
      pending.add(item.key);
      edit((d) => {
        const rows = rowsOf(d);
        const after = rows.findIndex((r) => r.rank >= item.rank);
        return insertRowsAt(removeRows(d, new Set([item.key])), after === -1 ? rows.length : after, [summaryOf(item)]);
      });
      opts.onCreated(item);
      // The item's own event comes back through the stream (and counts it); its row is already here.
      setTimeout(() => pending.delete(item.key), 2000);
    },
    onError: (e) => toast(`The item was not added: ${errorMessage(e)}`, { kind: 'error' }),
  });

  const bulk = useMutation({
    scope,
    mutationFn: ({ keys, action }: { keys: string[]; action: BulkAction }) => {
      const body: TBulkRequest =
        action.kind === 'top' || action.kind === 'bottom'
          ? { keys, position: action.kind }
          : action.kind === 'state'
            ? { keys, stateId: action.stateId, ...(action.override ? { override: true } : {}) }
            : { keys, assigneeId: action.assigneeId };
      return itemsApi.bulk(productKey, body);
    },
    onMutate: async ({ keys, action }) => {
      await queryClient.cancelQueries({ queryKey: listKey, exact: true });
      const previous = snapshot();
      const set = new Set(keys);
      keys.forEach((k) => pending.add(k));
      const ordered = rowsOf(previous)
        .filter((r) => set.has(r.key))
        .map((r) => r.key);
      if (action.kind === 'top') edit((d) => moveRows(d, ordered, 0));
      else if (action.kind === 'bottom') {
        const more = previous?.pages[previous.pages.length - 1]?.nextCursor != null;
        // The bottom is past what is loaded: the rows leave the screen until scrolled to.
        edit((d) => (more ? removeRows(d, set) : moveRows(d, ordered, rowsOf(d).length - ordered.length)));
      } else edit((d) => patchRows(d, set, (r) => patchForBulk(r, action, opts.product)));
      return { previous };
    },
    onSuccess: ({ items }) => {
      const fresh = new Map(items.map((i) => [i.key, i]));
      edit((d) => patchRows(d, new Set(fresh.keys()), (r) => fresh.get(r.key) ?? r));
    },
    onError: (e, { keys, action }, ctx) => {
      const what = keys.length === 1 ? `${keys[0]} was not changed` : `${keys.length} items were not changed`;
      // A workflow rule said no: owners may override it, and the override is recorded.
      if (action.kind === 'state' && !action.override && isApiError(e) && e.status === 422 && can(opts.product?.role, 'rule.override')) {
        if (ctx?.previous) queryClient.setQueryData(listKey, ctx.previous);
        toast(`${what}: ${errorMessage(e)}`, {
          kind: 'error',
          action: { label: 'Move anyway', run: () => bulk.mutate({ keys, action: { ...action, override: true } }) },
        });
      } else refused(what, ctx?.previous, e);
    },
    onSettled: (_d, _e, { keys }) => keys.forEach((k) => pending.delete(k)),
  });

  return { move, create, bulk };
}

function patchForBulk(r: TItemSummary, action: BulkAction, product: TProductDetail | undefined): TItemSummary {
  if (action.kind === 'state') {
    const state = product?.states.find((s) => s.id === action.stateId);
    return state ? { ...r, stateId: state.id, stateCategory: state.category } : r;
  }
  if (action.kind === 'assign') {
    const member = product?.members.find((m) => m.userId === action.assigneeId);
    return { ...r, assignee: member ? { id: member.userId, name: member.name } : null };
  }
  return r;
}
