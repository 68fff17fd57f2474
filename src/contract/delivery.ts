import { z } from 'zod';
import { ZIsoDate, ZItemKey } from './common.js';
import { ITEM_TYPES } from './items.js';
import { STATE_CATEGORIES } from '../domain/workflow.js';

/**
 * Sprints, releases, forecasts and flow charts. Chart series are columnar: one array per measure,
 * index-aligned with `dates` (or `keys`), so a year of data stays a small response that a chart
 * library can take as it is.
 */

export const SPRINT_STATES = ['planned', 'active', 'closed'] as const;

const name = z.string().trim().min(1, 'must not be empty').max(200);

// ---- sprints ----

export const ZSprint = z.object({
  id: z.number(),
  productKey: z.string(),
  name: z.string(),
  goal: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  state: z.enum(SPRINT_STATES),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** recorded when the sprint closes: what it finished */
  completedPoints: z.number().nullable(),
  completedItems: z.number().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type TSprint = z.infer<typeof ZSprint>;

export const ZScopeItem = z.object({
  key: z.string(),
  title: z.string(),
  type: z.enum(ITEM_TYPES),
  stateId: z.number(),
  stateCategory: z.enum(STATE_CATEGORIES),
  estimate: z.number().nullable(),
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  blocked: z.boolean(),
  blockedReason: z.string().nullable(),
  blockedSince: z.string().nullable(),
});
export type TScopeItem = z.infer<typeof ZScopeItem>;

export const ZProgress = z.object({
  items: z.object({ done: z.number(), total: z.number() }),
  points: z.object({ done: z.number(), total: z.number() }),
  /** items without an estimate: counted in items, not in points */
  unestimated: z.number(),
});

/** An item that joined or left the scope after it was set: a marker on the chart. */
export const ZScopeChange = z.object({
  at: z.string(),
  date: z.string(),
  key: z.string(),
  title: z.string(),
  change: z.enum(['added', 'removed']),
  points: z.number().nullable(),
});
export type TScopeChange = z.infer<typeof ZScopeChange>;

export const ZBurndown = z.object({
  /** one entry per day from the sprint's start to today (active) or its close */
  dates: z.array(z.string()),
  remainingItems: z.array(z.number()),
  remainingPoints: z.array(z.number()),
  scopeItems: z.array(z.number()),
  scopePoints: z.array(z.number()),
  scopeChanges: z.array(ZScopeChange),
});

export const ZSprintDetail = ZSprint.extend({
  progress: ZProgress,
  scope: z.array(ZScopeItem),
  burndown: ZBurndown,
});
export type TSprintDetail = z.infer<typeof ZSprintDetail>;

export const ZSprintList = z.object({ items: z.array(ZSprint), nextCursor: z.null() });

const sprintDates = <T extends { startDate?: string | null; endDate?: string | null }>(s: T) =>
  !s.startDate || !s.endDate || s.endDate >= s.startDate;

export const ZCreateSprintRequest = z
  .strictObject({
    name,
    goal: z.string().max(2000).optional(),
    startDate: ZIsoDate.nullable().optional(),
    endDate: ZIsoDate.nullable().optional(),
  })
  .refine(sprintDates, { message: 'must not be before startDate', path: ['endDate'] });
export type TCreateSprintRequest = z.infer<typeof ZCreateSprintRequest>;

export const ZUpdateSprintRequest = z
  .strictObject({
    name: name.optional(),
    goal: z.string().max(2000).optional(),
    startDate: ZIsoDate.nullable().optional(),
    endDate: ZIsoDate.nullable().optional(),
    /** the version read; required here or as If-Match */
    version: z.number().int().optional(),
  })
  .refine(sprintDates, { message: 'must not be before startDate', path: ['endDate'] });
export type TUpdateSprintRequest = z.infer<typeof ZUpdateSprintRequest>;

export const ZPlanItemsRequest = z.strictObject({ keys: z.array(ZItemKey).min(1).max(500) });
export type TPlanItemsRequest = z.infer<typeof ZPlanItemsRequest>;

export const ZStartSprintRequest = z
  .strictObject({ startDate: ZIsoDate.optional(), endDate: ZIsoDate.optional() })
  .refine(sprintDates, { message: 'must not be before startDate', path: ['endDate'] });

export const ZCloseSprintRequest = z
  .strictObject({
    /** where unfinished items go: back to the backlog (no sprint), or into the next sprint */
    unfinished: z.enum(['backlog', 'next']),
    /** the sprint to carry them into; the next planned sprint when absent */
    nextSprintId: z.number().int().positive().optional(),
  })
  .refine((c) => c.unfinished === 'next' || c.nextSprintId === undefined, {
    message: 'only with unfinished: "next"',
    path: ['nextSprintId'],
  });
export type TCloseSprintRequest = z.infer<typeof ZCloseSprintRequest>;

export const ZVelocity = z.object({
  productKey: z.string(),
  /** closed sprints, oldest first */
  sprints: z.array(
    z.object({ id: z.number(), name: z.string(), startDate: z.string().nullable(), endDate: z.string().nullable(), closedAt: z.string(), points: z.number(), items: z.number() }),
  ),
  /** mean of the last three closed sprints; null before the first closes */
  average: z.object({ points: z.number(), items: z.number() }).nullable(),
});
export type TVelocity = z.infer<typeof ZVelocity>;

// ---- releases ----

export const ZRelease = z.object({
  id: z.number(),
  productKey: z.string(),
  name: z.string(),
  description: z.string(),
  targetDate: z.string().nullable(),
  releasedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type TRelease = z.infer<typeof ZRelease>;

export const ZBurnup = z.object({
  /** one entry per day from the release's creation to today (or its release) */
  dates: z.array(z.string()),
  scopeItems: z.array(z.number()),
  doneItems: z.array(z.number()),
  scopePoints: z.array(z.number()),
  donePoints: z.array(z.number()),
  scopeChanges: z.array(ZScopeChange),
});

export const ZReleaseDetail = ZRelease.extend({
  progress: ZProgress,
  /**
   * How scope is counted: items whose release is this one, plus the children of an epic in it
   * that carry no release of their own. Epics are containers and never count as work.
   */
  scopeRule: z.string(),
  scope: z.array(ZScopeItem),
  burnup: ZBurnup,
});
export type TReleaseDetail = z.infer<typeof ZReleaseDetail>;

export const ZReleaseList = z.object({ items: z.array(ZRelease), nextCursor: z.null() });

export const ZCreateReleaseRequest = z.strictObject({
  name,
  description: z.string().max(20_000).optional(),
  targetDate: ZIsoDate.nullable().optional(),
});
export type TCreateReleaseRequest = z.infer<typeof ZCreateReleaseRequest>;

export const ZUpdateReleaseRequest = z.strictObject({
  name: name.optional(),
  description: z.string().max(20_000).optional(),
  targetDate: ZIsoDate.nullable().optional(),
  /** true marks it shipped today; false reopens it */
  released: z.boolean().optional(),
  version: z.number().int().optional(),
});
export type TUpdateReleaseRequest = z.infer<typeof ZUpdateReleaseRequest>;

// ---- forecasts ----

export const ZForecastPercentile = z.object({ percent: z.number(), date: z.string().nullable() });

const forecastOk = {
  status: z.literal('ok'),
  /** the plain sentence, e.g. "85 % likely by 24 March — 7 weeks after the target of 1 February; 12 % chance of making the target." */
  message: z.string(),
  percentiles: z.array(ZForecastPercentile),
  /** chance (0–1) of finishing by the target date; null without a target */
  targetProbability: z.number().nullable(),
  /** days from the target to the 85 % date; negative when early */
  daysLate85: z.number().nullable(),
  /** share of trials not finished within the horizon (zero or near-zero throughput) */
  unfinishedShare: z.number(),
  horizonDays: z.number(),
  trials: z.number(),
  /** completion dates and how many trials finished on each (buckets of bucketDays) */
  histogram: z.object({ bucketDays: z.number(), dates: z.array(z.string()), trials: z.array(z.number()) }),
};
const forecastRefusals = [
  z.object({ status: z.literal('no_history'), message: z.string() }),
  z.object({ status: z.literal('done'), message: z.string() }),
] as const;

export const ZForecastOutcome = z.discriminatedUnion('status', [z.object(forecastOk), ...forecastRefusals]);
export type TForecastOutcome = z.infer<typeof ZForecastOutcome>;

export const ZForecastData = z.object({
  windowDays: z.number(),
  /** first and last day of the throughput window (the day before the forecast) */
  from: z.string(),
  to: z.string(),
  sampleDays: z.number(),
  itemsDone: z.number(),
  /** items finished per day over the window, oldest first */
  samples: z.array(z.number()),
  dropped: z.object({ doneBeforeCreated: z.number(), unreadableDate: z.number() }),
  note: z.string().nullable(),
});

export const ZForecastScope = z.object({
  items: z.number(),
  done: z.number(),
  remaining: z.number(),
  remainingPoints: z.number(),
  unestimatedRemaining: z.number(),
  /** items that joined or left the scope during the throughput window */
  added: z.number(),
  removed: z.number(),
});

export const ZBlockedWork = z.object({
  count: z.number(),
  items: z.array(z.object({ key: z.string(), title: z.string(), reason: z.string().nullable(), since: z.string().nullable(), days: z.number() })),
});

export const ZPointsForecast = z.object({
  velocities: z.array(z.number()),
  sprintLengthDays: z.number(),
  remainingPoints: z.number(),
  forecast: ZForecastOutcome,
});

const forecastContext = {
  releaseId: z.number(),
  asOf: z.string(),
  targetDate: z.string().nullable(),
  scope: ZForecastScope,
  blocked: ZBlockedWork,
  data: ZForecastData,
  /** the same question in points per sprint, from closed sprints' velocity */
  points: ZPointsForecast,
};

/** GET /api/releases/:id/forecast: the item forecast at the top level, with what it used beside it. */
export const ZReleaseForecast = z.discriminatedUnion('status', [
  z.object({ ...forecastOk, ...forecastContext }),
  ...forecastRefusals.map((r) => r.extend(forecastContext)),
]);
export type TReleaseForecast = z.infer<typeof ZReleaseForecast>;

export const ZForecastQuery = z.strictObject({
  windowDays: z.coerce.number().int().min(7).max(730).default(84),
});

// ---- flow charts ----

const csv = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const ZReportQuery = z
  .strictObject({
    type: csv.pipe(z.array(z.enum(ITEM_TYPES))).optional(),
    /** the epic's key: only its children */
    epic: ZItemKey.optional(),
    /** first day shown; 90 days before `to` by default */
    from: ZIsoDate.optional(),
    /** last day shown; today by default */
    to: ZIsoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type TReportQuery = z.infer<typeof ZReportQuery>;

const percentiles = z.object({ p50: z.number().nullable(), p85: z.number().nullable(), p95: z.number().nullable() });

export const ZCumulativeFlow = z.object({
  from: z.string(),
  to: z.string(),
  dates: z.array(z.string()),
  /** workflow order; counts[i]: items in the state at the end of dates[i] */
  states: z.array(z.object({ id: z.number(), name: z.string(), category: z.enum(STATE_CATEGORIES), counts: z.array(z.number()) })),
});
export type TCumulativeFlow = z.infer<typeof ZCumulativeFlow>;

/**
 * One point per finished item, compact because a year can hold tens of thousands: the item's key
 * is `${productKey}-${numbers[i]}`, its type `types[typeIndex[i]]`, its done date `from` plus
 * `doneDays[i]` days. Hover shows key, type, date and days; the title is one GET /api/items/:key.
 */
export const ZCycleTime = z.object({
  from: z.string(),
  to: z.string(),
  productKey: z.string(),
  types: z.array(z.string()),
  numbers: z.array(z.number()),
  typeIndex: z.array(z.number()),
  doneDays: z.array(z.number()),
  /** days from first start to done, one decimal */
  cycleDays: z.array(z.number()),
  percentiles,
});
export type TCycleTime = z.infer<typeof ZCycleTime>;

export const ZThroughput = z.object({
  from: z.string(),
  to: z.string(),
  /** Monday of each week */
  weeks: z.array(z.string()),
  items: z.array(z.number()),
});
export type TThroughput = z.infer<typeof ZThroughput>;

export const ZAging = z.object({
  asOf: z.string(),
  /** the in-progress states, in workflow order, for the chart's columns */
  states: z.array(z.object({ id: z.number(), name: z.string() })),
  keys: z.array(z.string()),
  titles: z.array(z.string()),
  types: z.array(z.string()),
  stateIds: z.array(z.number()),
  ageDays: z.array(z.number()),
  blocked: z.array(z.boolean()),
  /** the highest cycle-time percentile the age already exceeds (0, 50, 85 or 95) */
  beyond: z.array(z.number()),
  /** cycle-time percentiles of items finished in the last 90 days (or the from–to range) */
  percentiles,
});
export type TAging = z.infer<typeof ZAging>;
