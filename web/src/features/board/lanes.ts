import type { TBoard, TCard } from '@ordo/contract';
import type { ItemFilters } from '../../api/items';
import { cardMatches, filtersApply } from './boardModel';

export const LANE_MODES = ['none', 'epic', 'assignee'] as const;
export type LaneMode = (typeof LANE_MODES)[number];

/** One swimlane: a row of cells, one per column, each holding the lane's cards of that column in rank order. */
export interface Lane {
  id: string;
  title: string;
  /** the epic's key, for a link */
  epicKey?: string;
  cells: TCard[][];
  total: number;
}

/** The lane a card belongs to: its epic (an epic card heads its own lane), or its assignee. */
export function laneOf(card: TCard, mode: LaneMode, epics: ReadonlySet<string>): string {
  if (mode === 'epic') {
    if (card.type === 'epic' && epics.has(card.key)) return card.key;
    return card.parentKey && epics.has(card.parentKey) ? card.parentKey : '';
  }
  if (mode === 'assignee') return card.assigneeId == null ? 'none' : String(card.assigneeId);
  return 'all';
}

/**
 * The board cut into swimlanes, with the filters applied: epics in backlog order then "No
 * epic", or people by name then "Unassigned". Lanes without a card are left out.
 */
export function buildLanes(board: TBoard, mode: LaneMode, filters: ItemFilters): Lane[] {
  const epicKeys = new Set(board.epics.map((e) => e.key));
  const lanes = new Map<string, Lane>();
  const add = (id: string, title: string, epicKey?: string) =>
    lanes.set(id, { id, title, epicKey, cells: board.columns.map(() => []), total: 0 });

  if (mode === 'epic') {
    for (const e of board.epics) add(e.key, e.title, e.key);
    add('', 'No epic');
  } else if (mode === 'assignee') {
    for (const u of board.users) add(String(u.id), u.name);
    add('none', 'Unassigned');
  } else add('all', '');

  const filtering = filtersApply(filters);
  board.columns.forEach((column, i) => {
    for (const card of column.cards) {
      if (filtering && !cardMatches(filters, card)) continue;
      const id = laneOf(card, mode, epicKeys);
      // Someone no longer a member still holds their cards: they get a lane of their own.
      if (!lanes.has(id)) add(id, `Former member ${id}`);
      const lane = lanes.get(id)!;
      lane.cells[i]!.push(card);
      lane.total += 1;
    }
  });
  if (mode === 'none') return [...lanes.values()];
  const shown = [...lanes.values()].filter((l) => l.total > 0);
  return shown.length ? shown : [lanes.get(mode === 'epic' ? '' : 'none')!];
}
