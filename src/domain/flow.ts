import { DAY_MS, isoDay, weekStart } from './dates.js';
import type { StateCategory } from './workflow.js';

/**
 * Flow metrics as pure functions over compact rows the services read: cumulative flow, cycle
 * times with their percentiles, throughput per week, aging work in progress, and the replay of an
 * item's history that burndown and burnup charts are drawn from. Series are columnar (one array
 * per measure) so a chart of 50,000 points stays a small response.
 */

export const FLOW_PERCENTS = [50, 85, 95] as const;

export interface StateInfo {
  id: number;
  name: string;
  category: StateCategory;
}

/** Nearest-rank percentile of values sorted ascending; null for no values. */
export function percentile(sorted: ArrayLike<number>, percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1];
}

export function flowPercentiles(values: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p85: percentile(sorted, 85), p95: percentile(sorted, 95) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

// ---- cumulative flow ----

/** The net change in one state's item count on one day (entries minus exits). */
export interface StateDelta {
  day: number;
  stateId: number;
  delta: number;
}

export interface CumulativeFlow {
  dates: string[];
  /** in workflow order; counts[i] is the number of items in the state at the end of dates[i] */
  states: Array<StateInfo & { counts: number[] }>;
}

/**
 * Items per state at the end of every day in [fromDay, toDay], from each day's entries and exits.
 * Changes before fromDay add up to the counts the chart starts with. A state that no longer
 * exists is left out.
 */
export function cumulativeFlow(
  states: readonly StateInfo[],
  deltas: readonly StateDelta[],
  fromDay: number,
  toDay: number,
): CumulativeFlow {
  const days = Math.max(0, toDay - fromDay + 1);
  const index = new Map(states.map((s, i) => [s.id, i]));
  const daily = states.map(() => new Float64Array(days));
  const opening = new Float64Array(states.length);
  for (const d of deltas) {
    const i = index.get(d.stateId);
    if (i === undefined || d.day > toDay) continue;
    if (d.day < fromDay) opening[i] += d.delta;
    else daily[i][d.day - fromDay] += d.delta;
  }
  return {
    dates: Array.from({ length: days }, (_, k) => isoDay(fromDay + k)),
    states: states.map((s, i) => {
      const counts = new Array<number>(days);
      let running = opening[i];
      for (let k = 0; k < days; k++) {
        running += daily[i][k];
        counts[k] = running;
      }
      return { ...s, counts };
    }),
  };
}

// ---- cycle time ----

/** A finished item as the database measures it: its number, type, done day and days it took. */
export interface FinishedItem {
  number: number;
  type: string;
  doneDay: number;
  cycleDays: number;
}

export interface CycleTimeScatter {
  types: string[];
  numbers: number[];
  typeIndex: number[];
  /** days after `fromDay` the item was done */
  doneDays: number[];
  /** days from start to done, one decimal */
  cycleDays: number[];
  percentiles: { p50: number | null; p85: number | null; p95: number | null };
}

/** One point per finished item: when it finished and how long it took from start to done. */
export function cycleTimeScatter(items: readonly FinishedItem[], fromDay: number): CycleTimeScatter {
  const out: CycleTimeScatter = {
    types: [],
    numbers: [],
    typeIndex: [],
    doneDays: [],
    cycleDays: [],
    percentiles: { p50: null, p85: null, p95: null },
  };
  const typeIndex = new Map<string, number>();
  for (const it of items) {
    if (!(it.cycleDays >= 0)) continue;
    let t = typeIndex.get(it.type);
    if (t === undefined) {
      t = out.types.length;
      typeIndex.set(it.type, t);
      out.types.push(it.type);
    }
    out.numbers.push(it.number);
    out.typeIndex.push(t);
    out.doneDays.push(it.doneDay - fromDay);
    out.cycleDays.push(round1(it.cycleDays));
  }
  out.percentiles = flowPercentiles(out.cycleDays);
  return out;
}

// ---- throughput ----

export interface WeeklyThroughput {
  /** Monday of each week */
  weeks: string[];
  items: number[];
}

/** Items finished per week (Monday to Sunday) over [fromDay, toDay], empty weeks included. */
export function weeklyThroughput(perDay: ReadonlyArray<{ day: number; count: number }>, fromDay: number, toDay: number): WeeklyThroughput {
  const first = weekStart(fromDay);
  const n = Math.floor((weekStart(toDay) - first) / 7) + 1;
  const items = new Array<number>(Math.max(0, n)).fill(0);
  for (const { day, count } of perDay) {
    if (day < fromDay || day > toDay) continue;
    items[Math.floor((day - first) / 7)] += count;
  }
  return { weeks: items.map((_, i) => isoDay(first + i * 7)), items };
}

// ---- aging work in progress ----

export interface WorkInProgress {
  key: string;
  title: string;
  type: string;
  stateId: number;
  startedAt: string;
  blocked: boolean;
}

export interface AgingWip {
  keys: string[];
  titles: string[];
  types: string[];
  stateIds: number[];
  ageDays: number[];
  blocked: boolean[];
  /** the highest cycle-time percentile each item's age already exceeds (0 when none) */
  beyond: number[];
  percentiles: { p50: number | null; p85: number | null; p95: number | null };
}

/** Each started, unfinished item's age, against how long finished items took. */
export function agingWip(items: readonly WorkInProgress[], nowIso: string, percentiles: AgingWip['percentiles']): AgingWip {
  const now = Date.parse(nowIso);
  const out: AgingWip = { keys: [], titles: [], types: [], stateIds: [], ageDays: [], blocked: [], beyond: [], percentiles };
  const sorted = [...items].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (const it of sorted) {
    const age = round1(Math.max(0, (now - Date.parse(it.startedAt)) / DAY_MS));
    out.keys.push(it.key);
    out.titles.push(it.title);
    out.types.push(it.type);
    out.stateIds.push(it.stateId);
    out.ageDays.push(age);
    out.blocked.push(it.blocked);
    out.beyond.push(
      percentiles.p95 !== null && age > percentiles.p95
        ? 95
        : percentiles.p85 !== null && age > percentiles.p85
          ? 85
          : percentiles.p50 !== null && age > percentiles.p50
            ? 50
            : 0,
    );
  }
  return out;
}

// ---- replaying an item's history ----

export const TRACKED_FIELDS = ['sprintId', 'releaseId', 'stateId', 'estimate'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

export interface FieldChange {
  at: string;
  field: TrackedField;
  before: number | null;
  after: number | null;
}

/** What burndown and burnup need of one item: its current values and every change to them. */
export interface ItemHistory {
  id: number;
  key: string;
  title: string;
  type: string;
  parentId: number | null;
  createdAt: string;
  deletedAt: string | null;
  current: Record<TrackedField, number | null>;
  /** in the order they happened */
  changes: FieldChange[];
}

export function existsAt(h: ItemHistory, at: string): boolean {
  return h.createdAt <= at && (h.deletedAt === null || h.deletedAt > at);
}

/**
 * The field's value at an instant: the last change up to then, or else what the first later
 * change started from, or else the value it has now.
 */
export function valueAt(h: ItemHistory, field: TrackedField, at: string): number | null {
  let last: FieldChange | undefined;
  let firstLater: FieldChange | undefined;
  for (const c of h.changes) {
    if (c.field !== field) continue;
    if (c.at <= at) last = c;
    else if (!firstLater) firstLater = c;
  }
  if (last) return last.after;
  if (firstLater) return firstLater.before;
  return h.current[field];
}

export interface ScopeRules {
  inScope(h: ItemHistory, at: string): boolean;
  isDone(h: ItemHistory, at: string): boolean;
  /** instants besides the item's own changes at which its membership may change (a parent's changes) */
  extraTimes?(h: ItemHistory): string[];
}

export interface ScopeSeries {
  dates: string[];
  scopeItems: number[];
  scopePoints: number[];
  doneItems: number[];
  donePoints: number[];
  /** scope items without an estimate on that day, so a points chart can say what it leaves out */
  unestimated: number[];
}

/** Scope and done, in items and points, at each instant (typically each day's end). */
export function scopeSeries(
  histories: readonly ItemHistory[],
  instants: readonly string[],
  rules: ScopeRules,
  dates: readonly string[],
): ScopeSeries {
  const n = instants.length;
  const s: ScopeSeries = {
    dates: [...dates],
    scopeItems: new Array(n).fill(0),
    scopePoints: new Array(n).fill(0),
    doneItems: new Array(n).fill(0),
    donePoints: new Array(n).fill(0),
    unestimated: new Array(n).fill(0),
  };
  for (const h of histories) {
    for (let i = 0; i < n; i++) {
      const at = instants[i];
      if (!existsAt(h, at) || !rules.inScope(h, at)) continue;
      const points = valueAt(h, 'estimate', at);
      s.scopeItems[i]++;
      s.scopePoints[i] += points ?? 0;
      if (points === null) s.unestimated[i]++;
      if (rules.isDone(h, at)) {
        s.doneItems[i]++;
        s.donePoints[i] += points ?? 0;
      }
    }
  }
  return s;
}

export interface ScopeChange {
  at: string;
  key: string;
  title: string;
  change: 'added' | 'removed';
  points: number | null;
}

/** Items that joined or left the scope in (from, to]: the markers on a burndown or burnup. */
export function scopeChanges(histories: readonly ItemHistory[], from: string, to: string, rules: ScopeRules): ScopeChange[] {
  const out: ScopeChange[] = [];
  for (const h of histories) {
    const times = new Set<string>([
      h.createdAt,
      ...(h.deletedAt ? [h.deletedAt] : []),
      ...h.changes.map((c) => c.at),
      ...(rules.extraTimes?.(h) ?? []),
    ]);
    const inside = [...times].filter((t) => t > from && t <= to).sort();
    let was = existsAt(h, from) && rules.inScope(h, from);
    for (const t of inside) {
      const is = existsAt(h, t) && rules.inScope(h, t);
      if (is !== was) out.push({ at: t, key: h.key, title: h.title, change: is ? 'added' : 'removed', points: valueAt(h, 'estimate', t) });
      was = is;
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/** Ends of each day from `fromDay` to `toDay`, never later than `cutoff` (a sprint's close). */
export function dayEnds(fromDay: number, toDay: number, cutoff?: string | null): { dates: string[]; instants: string[] } {
  const dates: string[] = [];
  const instants: string[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    dates.push(isoDay(d));
    // The last millisecond of the day, so changes stamped during it count.
    const end = new Date((d + 1) * DAY_MS - 1).toISOString();
    instants.push(cutoff && cutoff < end ? new Date(Date.parse(cutoff) - 1).toISOString() : end);
  }
  return { dates, instants };
}
