import { existsAt, valueAt, type ItemHistory, type ScopeRules } from './flow.js';

/**
 * What a sprint did with each item, replayed from the item's history between the sprint's start
 * and its close: whether the sprint committed to it (in scope at the start) or took it on later,
 * and how it ended — done, moved on unfinished, or taken out (or deleted) before the close. The
 * same replay draws the burndown, so the record and the chart cannot disagree.
 */
export type SprintOutcome = 'done' | 'moved_on' | 'removed';

export interface SprintRecordItem {
  itemId: number;
  key: string;
  title: string;
  type: string;
  /** in the sprint when it started */
  committed: boolean;
  /** joined after the start */
  added: boolean;
  outcome: SprintOutcome;
  /** the estimate at the start, for committed items */
  startPoints: number | null;
  /** the estimate when it first joined, for added items */
  joinedPoints: number | null;
  /** the estimate at the close, or when it left for removed items */
  endPoints: number | null;
}

/**
 * Every item that was in the sprint at some moment in [start, end], with its part in the sprint.
 * `end` is the last instant before the close moved anything.
 */
export function sprintRecordItems(
  histories: readonly ItemHistory[],
  start: string,
  end: string,
  rules: Pick<ScopeRules, 'inScope' | 'isDone'>,
): SprintRecordItem[] {
  const out: SprintRecordItem[] = [];
  for (const h of histories) {
    const inAt = (t: string) => existsAt(h, t) && rules.inScope(h, t);
    const atStart = inAt(start);
    const times = [...new Set([h.createdAt, ...(h.deletedAt ? [h.deletedAt] : []), ...h.changes.map((c) => c.at)])]
      .filter((t) => t > start && t <= end)
      .sort();
    let was = atStart;
    let ever = atStart;
    let joined: string | null = null;
    let left: string | null = null;
    for (const t of times) {
      const is = inAt(t);
      if (is && !was && joined === null) joined = t;
      if (!is && was) left = t;
      ever ||= is;
      was = is;
    }
    if (!ever) continue;
    const atEnd = inAt(end);
    out.push({
      itemId: h.id,
      key: h.key,
      title: h.title,
      type: h.type,
      committed: atStart,
      added: !atStart,
      outcome: atEnd ? (rules.isDone(h, end) ? 'done' : 'moved_on') : 'removed',
      startPoints: atStart ? valueAt(h, 'estimate', start) : null,
      joinedPoints: !atStart && joined ? valueAt(h, 'estimate', joined) : null,
      endPoints: valueAt(h, 'estimate', atEnd ? end : (left ?? end)),
    });
  }
  return out;
}

export interface Tally {
  items: number;
  points: number;
}

export interface SprintTotals {
  committed: Tally;
  added: Tally;
  removed: Tally;
  done: Tally;
  movedOn: Tally;
  /**
   * Points the sprint's items gained (or lost) by being re-estimated while in it: what squares
   * committed + added − removed with done + moved on.
   */
  reestimated: number;
  /** items in the sprint at its close without an estimate: counted in items, not in points */
  unestimated: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The record's sums. Committed + added − removed = done + moved on, in items always and in points once re-estimates count. */
export function sprintTotals(items: readonly SprintRecordItem[]): SprintTotals {
  const tally = (list: readonly SprintRecordItem[], points: (i: SprintRecordItem) => number | null): Tally => ({
    items: list.length,
    points: round(list.reduce((sum, i) => sum + (points(i) ?? 0), 0)),
  });
  const atEnd = items.filter((i) => i.outcome !== 'removed');
  const t = {
    committed: tally(
      items.filter((i) => i.committed),
      (i) => i.startPoints,
    ),
    added: tally(
      items.filter((i) => i.added),
      (i) => i.joinedPoints,
    ),
    removed: tally(
      items.filter((i) => i.outcome === 'removed'),
      (i) => i.endPoints,
    ),
    done: tally(
      items.filter((i) => i.outcome === 'done'),
      (i) => i.endPoints,
    ),
    movedOn: tally(
      items.filter((i) => i.outcome === 'moved_on'),
      (i) => i.endPoints,
    ),
  };
  return {
    ...t,
    reestimated: round(t.done.points + t.movedOn.points - (t.committed.points + t.added.points - t.removed.points)),
    unestimated: atEnd.filter((i) => i.endPoints === null).length,
  };
}
