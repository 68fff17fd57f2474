import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TItemSummary } from '@ordo/contract';
import { STATE_CATEGORIES } from '@ordo/domain/workflow';
import type { ItemFilters } from '../../api/items';

const LIST_PARAMS = ['type', 'state', 'label', 'assignee'] as const;
export type ListFilter = (typeof LIST_PARAMS)[number];

/** The backlog's filters live in the URL, so reload, back and a shared link keep them. */
export function filtersFromParams(params: URLSearchParams): ItemFilters {
  const f: ItemFilters = {};
  for (const name of LIST_PARAMS) {
    const values = (params.get(name) ?? '').split(',').filter(Boolean).sort();
    if (values.length) f[name] = values;
  }
  const epic = params.get('epic');
  if (epic) f.epic = epic;
  if (params.get('blocked') === 'true') f.blocked = 'true';
  const q = params.get('q')?.trim();
  if (q) f.q = q;
  if (params.get('sort') === 'wsjf') f.sort = 'wsjf';
  if (params.get('sort') === 'votes') f.sort = 'votes';
  return f;
}

/** What the backlog lists while done items are hidden: every state that is not done. */
const OPEN_WORK = STATE_CATEGORIES.filter((c) => c !== 'done');

/**
 * The backlog's list: the filters, and done items hidden unless `?done=show` (or a state filter
 * names the states wanted), so the top of the backlog is the next work. The board shares the
 * filters but not this: its done column is a column.
 */
export function backlogListFilters(params: URLSearchParams): ItemFilters {
  const filters = filtersFromParams(params);
  return params.get('done') === 'show' || filters.state ? filters : { ...filters, stateCategory: OPEN_WORK };
}

export function useBacklogFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const listFilters = useMemo(() => backlogListFilters(params), [params]);
  const showDone = params.get('done') === 'show';

  const update = useCallback(
    (change: (p: URLSearchParams) => void, replace = false) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          change(next);
          return next;
        },
        { replace },
      ),
    [setParams],
  );

  const toggle = useCallback(
    (name: ListFilter, value: string) =>
      update((p) => {
        const values = new Set((p.get(name) ?? '').split(',').filter(Boolean));
        if (values.has(value)) values.delete(value);
        else values.add(value);
        if (values.size) p.set(name, [...values].join(','));
        else p.delete(name);
      }),
    [update],
  );

  const set = useCallback(
    (name: 'epic' | 'blocked' | 'q' | 'sort', value: string | null, replace = false) =>
      update((p) => {
        if (value) p.set(name, value);
        else p.delete(name);
      }, replace),
    [update],
  );

  const clear = useCallback(
    () =>
      update((p) => {
        for (const name of [...LIST_PARAMS, 'epic', 'blocked', 'q']) p.delete(name);
      }),
    [update],
  );

  const setShowDone = useCallback(
    (show: boolean) =>
      update((p) => {
        if (show) p.set('done', 'show');
        else p.delete('done');
      }),
    [update],
  );

  const active = Object.keys(filters).some((k) => k !== 'sort');
  return { filters, listFilters, showDone, setShowDone, toggle, set, clear, active };
}

/**
 * Whether an item belongs in a list with these filters, for patching a list from an event.
 * Full-text search is the server's to decide, so lists with `q` are reloaded instead.
 */
export function matchesFilters(f: ItemFilters, item: TItemSummary): boolean {
  if (f.type && !f.type.includes(item.type)) return false;
  if (f.state && !f.state.includes(String(item.stateId))) return false;
  if (f.stateCategory && !f.stateCategory.includes(item.stateCategory)) return false;
  if (f.label && !item.labels.some((l) => f.label!.includes(l))) return false;
  if (f.assignee && !f.assignee.includes(item.assignee ? String(item.assignee.id) : 'none')) return false;
  if (f.epic && item.parentKey !== f.epic) return false;
  if (f.blocked && !item.blocked) return false;
  return true;
}

/** Lists whose order or membership only the server can compute (search, WSJF) are reloaded on change. */
export const patchable = (f: ItemFilters) => !f.q && !f.sort;
