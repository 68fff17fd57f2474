import type { InfiniteData } from '@tanstack/react-query';
import type { TItemPage, TItemSummary } from '@ordo/contract';
import { ranksBetween } from '@ordo/domain/ranks';

/**
 * Pure edits of a cached backlog (pages of rows in rank order). Page boundaries are kept where
 * they are: the next page is fetched after the last row's cursor, so a row moved or added in
 * between never shifts what comes next.
 */
export type BacklogData = InfiniteData<TItemPage, unknown>;

export const rowsOf = (data: BacklogData | undefined): TItemSummary[] => {
  if (!data) return [];
  const seen = new Set<string>();
  const rows: TItemSummary[] = [];
  // A row that moved while pages loaded can arrive twice; the first place wins.
  for (const page of data.pages) {
    for (const item of page.items) {
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      rows.push(item);
    }
  }
  return rows;
};

/** Removes rows by key. */
export function removeRows(data: BacklogData, keys: ReadonlySet<string>): BacklogData {
  let removed = 0;
  const pages = data.pages.map((p) => {
    const items = p.items.filter((i) => !keys.has(i.key));
    removed += p.items.length - items.length;
    return items.length === p.items.length ? p : { ...p, items };
  });
  return removed ? { ...data, pages } : data;
}

/** Inserts rows at a position of the flattened list (0 = top); past the end appends to the last page. */
export function insertRowsAt(data: BacklogData, index: number, rows: TItemSummary[]): BacklogData {
  let offset = 0;
  const pages = data.pages.slice();
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p]!;
    const last = p === pages.length - 1;
    if (index <= offset + page.items.length || last) {
      const at = Math.min(Math.max(0, index - offset), page.items.length);
      pages[p] = { ...page, items: [...page.items.slice(0, at), ...rows, ...page.items.slice(at)] };
      return { ...data, pages };
    }
    offset += page.items.length;
  }
  return data;
}

/** Replaces fields of a row in place (a new state, an assignee) without moving it. */
export function patchRows(data: BacklogData, keys: ReadonlySet<string>, patch: (item: TItemSummary) => TItemSummary): BacklogData {
  let changed = false;
  const pages = data.pages.map((p) => {
    if (!p.items.some((i) => keys.has(i.key))) return p;
    changed = true;
    return { ...p, items: p.items.map((i) => (keys.has(i.key) ? patch(i) : i)) };
  });
  return changed ? { ...data, pages } : data;
}

/**
 * Puts the latest copy of a row where its rank says, among the loaded rows. A row ranked past
 * the last loaded one waits for its page (when more pages remain).
 */
export function placeByRank(data: BacklogData, item: TItemSummary, hasMore: boolean): BacklogData {
  const without = removeRows(data, new Set([item.key]));
  const rows = rowsOf(without);
  const lastRank = rows.length ? rows[rows.length - 1]!.rank : null;
  if (hasMore && lastRank !== null && item.rank > lastRank) return without;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.rank < item.rank) lo = mid + 1;
    else hi = mid;
  }
  return insertRowsAt(without, lo, [item]);
}

/**
 * Moves rows (in the order given) to a position of the list with them taken out. They get
 * provisional ranks between their new neighbours, so the list stays in rank order and events
 * arriving before the server's answer still find their place; the answer then sets the real ones.
 */
export function moveRows(data: BacklogData, keys: string[], toIndexWithout: number): BacklogData {
  const set = new Set(keys);
  const all = rowsOf(data);
  const moving = keys.map((k) => all.find((r) => r.key === k)).filter((r): r is TItemSummary => !!r);
  const without = removeRows(data, set);
  const rest = rowsOf(without);
  let ranks: string[] | null = null;
  try {
    ranks = ranksBetween(rest[toIndexWithout - 1]?.rank ?? null, rest[toIndexWithout]?.rank ?? null, moving.length);
  } catch {
    // Neighbours out of order for a moment (another change in flight): keep the old ranks.
  }
  return insertRowsAt(without, toIndexWithout, ranks ? moving.map((r, i) => ({ ...r, rank: ranks![i]! })) : moving);
}

/** Only the first page: what a list is cut back to before a full reload, so the reload is one request. */
export function firstPageOnly(data: BacklogData): BacklogData {
  return { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) };
}
