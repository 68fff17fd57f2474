import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { TBulkRequest, TBulkResult, TItem, TItemSummary, TMoveItemRequest } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage } from '../../api/client';
import { itemsApi, summaryOf, type ItemFilters } from '../../api/items';
import { useToast } from '../../ui/Toast';
import { useMoves, type MovesInFlight } from '../moves';
import { insertRowsAt, moveRows, patchRows, removeRows, rowsOf, type BacklogData } from './cache';
import { matchesFilters, patchable } from './filters';

export interface MoveInput {
  key: string;
  placement: TMoveItemRequest;
  /** where the row shows meanwhile, counted in the list without it */
  toIndex: number;
}

export interface BulkInput {
  keys: string[];
  action: BulkAction;
}

export type BulkAction =
  | { kind: 'top' }
  | { kind: 'bottom' }
  | { kind: 'state'; stateId: number; override?: boolean }
  | { kind: 'assign'; assigneeId: number | null }
  | { kind: 'sprint'; sprintId: number | null }
  | { kind: 'release'; releaseId: number | null }
  | { kind: 'epic'; parentKey: string | null }
  | { kind: 'labels'; add?: string[]; remove?: string[] };

/**
 * Changes the owner makes on the backlog. Moves and bulk changes show at once (the board's
 * optimistic moves, features/moves), are sent in order with new items (one queue per product, so
 * quick keyboard moves arrive as pressed), and are rolled back with a toast when the server refuses.
 */
export function useBacklogMutations(opts: {
  productKey: string;
  listKey: QueryKey;
  product: TProductDetail | undefined;
  inFlight: MovesInFlight;
  /** the row new items go after; null puts them at the top */
  anchor: () => string | null;
  onCreated: (item: TItem) => void;
}) {
  const { productKey, listKey, inFlight } = opts;
  const queryClient = useQueryClient();
  const toast = useToast();
  const scope = `backlog:${productKey}`;

  const edit = (fn: (d: BacklogData) => BacklogData) => queryClient.setQueryData<BacklogData>(listKey, (d) => d && fn(d));
  /** Shows a change of the list now; what it returns puts the list back as it was. */
  const showing = (fn: (d: BacklogData) => BacklogData) => {
    const previous = queryClient.getQueryData<BacklogData>(listKey);
    edit(fn);
    return () => {
      if (previous) queryClient.setQueryData(listKey, previous);
    };
  };
  const settle = (item: TItem) => edit((d) => patchRows(d, new Set([item.key]), () => summaryOf(item)));

  const move = useMoves<MoveInput, TItem>({
    scope,
    queryKey: listKey,
    inFlight,
    keysOf: ({ key }) => [key],
    show: ({ key, toIndex }) => showing((d) => moveRows(d, [key], toIndex)),
    send: ({ key, placement }) => itemsApi.move(key, placement),
    confirm: settle,
    refused: ({ key }) => `${key} was not moved`,
  });

  const create = useMutation({
    scope: { id: scope },
    // The anchor is read when the request goes out, so items typed in a row land in that order;
    // items pasted together each name the one before (`after`), whatever the list shows.
    mutationFn: ({ title, after }: { title: string; after?: string | null }) => {
      // Placing in the backlog's order is ranking it: people who may not rank add at the bottom,
      // the same rule the server keeps (services/items/placement.ts, requireRankingRights).
      if (!can(opts.product?.role, 'item.rank')) return itemsApi.create(productKey, { title });
      const anchor = after === undefined ? opts.anchor() : after;
      return itemsApi.create(productKey, anchor ? { title, after: anchor } : { title, position: 'top' });
    },
    onSuccess: (item) => {
      // Only the server knows where a new item falls in WSJF order or a search: ask it again.
      if (!patchable((listKey[2] ?? {}) as ItemFilters)) {
        void queryClient.invalidateQueries({ queryKey: listKey, exact: true });
        opts.onCreated(item);
        return;
      }
      inFlight.hold([item.key]);
      edit((d) => {
        const rows = rowsOf(d);
        const after = rows.findIndex((r) => r.rank >= item.rank);
        return insertRowsAt(removeRows(d, new Set([item.key])), after === -1 ? rows.length : after, [summaryOf(item)]);
      });
      opts.onCreated(item);
      // The item's own event comes back through the stream (and counts it); its row is already here.
      setTimeout(() => inFlight.release([item.key]), 2000);
    },
    onError: (e) => toast(`The item was not added: ${errorMessage(e)}`, { kind: 'error' }),
  });

  const bulk = useMoves<BulkInput, TBulkResult>({
    scope,
    queryKey: listKey,
    inFlight,
    keysOf: ({ keys }) => keys,
    show: ({ keys, action }) => {
      const set = new Set(keys);
      const data = queryClient.getQueryData<BacklogData>(listKey);
      const ordered = rowsOf(data)
        .filter((r) => set.has(r.key))
        .map((r) => r.key);
      if (action.kind === 'top') return showing((d) => moveRows(d, ordered, 0));
      if (action.kind === 'bottom') {
        const more = data?.pages[data.pages.length - 1]?.nextCursor != null;
        // The bottom is past what is loaded: the rows leave the screen until scrolled to.
        return showing((d) => (more ? removeRows(d, set) : moveRows(d, ordered, rowsOf(d).length - ordered.length)));
      }
      return showing((d) => patchRows(d, set, (r) => patchForBulk(r, action, opts.product)));
    },
    send: ({ keys, action }) => itemsApi.bulk(productKey, { keys, ...bulkBody(action) }),
    confirm: ({ items }) => {
      const fresh = new Map(items.map((i) => [i.key, i]));
      const filters = (listKey[2] ?? {}) as ItemFilters;
      // Rows the change took out of this list (set to done while done is hidden, into another epic) leave it.
      const leaving = new Set(patchable(filters) ? items.filter((i) => !matchesFilters(filters, i)).map((i) => i.key) : []);
      edit((d) =>
        removeRows(
          patchRows(d, new Set(fresh.keys()), (r) => fresh.get(r.key) ?? r),
          leaving,
        ),
      );
    },
    refused: ({ keys }) => (keys.length === 1 ? `${keys[0]} was not changed` : `${keys.length} items were not changed`),
    // A workflow rule said no: owners may override it, and the override is recorded.
    override: ({ keys, action }) =>
      action.kind === 'state' && !action.override && can(opts.product?.role, 'rule.override')
        ? { keys, action: { ...action, override: true } }
        : null,
  });

  return { move, create, bulk };
}

/** The bulk endpoint's body for an action. */
function bulkBody(action: BulkAction): Omit<TBulkRequest, 'keys'> {
  switch (action.kind) {
    case 'top':
    case 'bottom':
      return { position: action.kind };
    case 'state':
      return { stateId: action.stateId, ...(action.override ? { override: true } : {}) };
    case 'assign':
      return { assigneeId: action.assigneeId };
    case 'sprint':
      return { sprintId: action.sprintId };
    case 'release':
      return { releaseId: action.releaseId };
    case 'epic':
      return { parentKey: action.parentKey };
    case 'labels':
      return {
        ...(action.add?.length ? { addLabels: action.add } : {}),
        ...(action.remove?.length ? { removeLabels: action.remove } : {}),
      };
  }
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
  if (action.kind === 'sprint') return { ...r, sprintId: action.sprintId };
  if (action.kind === 'release') return { ...r, releaseId: action.releaseId };
  if (action.kind === 'epic') return { ...r, parentKey: action.parentKey };
  if (action.kind === 'labels') {
    const gone = new Set(action.remove);
    return { ...r, labels: [...new Set([...r.labels.filter((l) => !gone.has(l)), ...(action.add ?? [])])] };
  }
  return r;
}
