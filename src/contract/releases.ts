import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZId, ZIdParams, ZIsoDate, ZItemKey, ZProductParams } from './common.js';
import { ZPlanItemsRequest, ZProgress, ZScopeChange, ZScopeItem } from './sprints.js';

/** Releases and their forecasts. Chart series are columnar: one array per measure, index-aligned with `dates`. */

const name = z.string().trim().min(1, 'must not be empty').max(200);

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

/**
 * How far to trust the item forecast, and why, in words: the pace changed recently, one day
 * dominates the window (a bulk close), the window is thin against what remains, the forecast
 * crosses the year-end holidays, or the scope grows faster than work finishes.
 */
export const FORECAST_CONFIDENCE_CODES = ['pace_changed', 'bulk_close', 'thin_window', 'year_end', 'scope_growing'] as const;
export const ZForecastConfidence = z.object({
  level: z.enum(['high', 'medium', 'low']),
  reasons: z.array(
    z.object({
      code: z.enum(FORECAST_CONFIDENCE_CODES),
      /** 'low' when this reason alone makes the dates shaky */
      severity: z.enum(['medium', 'low']),
      message: z.string(),
    }),
  ),
});
export type TForecastConfidence = z.infer<typeof ZForecastConfidence>;

/** What the simulation assumed about the team beyond the window's days, and where that came from. */
export const ZForecastModel = z.object({
  /** weekly standard deviation of the random walk in the log of the pace */
  volatility: z.number(),
  /** the median factor by which one quarter's pace differs from the next under that volatility */
  typicalQuarterChange: z.number(),
  /** pairs of consecutive quarters of this product it was learned from (0: typical teams only) */
  quarters: z.number(),
  /** the share of its usual pace the team keeps from 24 December to 1 January */
  holidayFactor: z.number(),
  /** past year-ends of this product it was learned from */
  yearEnds: z.number(),
  /** a week this many weeks old counts half as much as last week */
  halfLifeWeeks: z.number(),
  /** the above in a sentence */
  note: z.string(),
});

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
  /** items finished the day before they were created (a tracker's clock artefact), counted as finished the day they were created */
  sameDay: z.number(),
  note: z.string().nullable(),
  model: ZForecastModel,
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
  items: z.array(
    z.object({ key: z.string(), title: z.string(), reason: z.string().nullable(), since: z.string().nullable(), days: z.number() }),
  ),
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
  z.object({ ...forecastOk, confidence: ZForecastConfidence, ...forecastContext }),
  ...forecastRefusals.map((r) => r.extend(forecastContext)),
]);
export type TReleaseForecast = z.infer<typeof ZReleaseForecast>;

export const ZForecastQuery = z.strictObject({
  windowDays: z.coerce.number().int().min(7).max(730).default(84),
});

// ---- endpoints ----

export const releasesEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/releases',
    tag: 'releases',
    summary: "A product's releases, by target date",
    params: ZProductParams,
    response: ZReleaseList,
    errors: [404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/releases',
    tag: 'releases',
    summary: 'Create a release with a name, target date and description',
    params: ZProductParams,
    body: ZCreateReleaseRequest,
    response: ZRelease,
    status: 201,
    errors: [400, 403, 404],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/releases/{id}',
    tag: 'releases',
    summary: 'A release with its scope, progress and daily burnup (scope changes marked)',
    params: ZIdParams,
    response: ZReleaseDetail,
    errors: [404],
  }),
  forecast: endpoint({
    method: 'GET',
    path: '/api/releases/{id}/forecast',
    tag: 'releases',
    summary:
      'Monte Carlo forecast of the remaining scope from real throughput (10,000 trials, reproducible): dates at 50/70/85/95 %, chance of the target, distribution, how confident it is and why, the data used, blocked work, and a points forecast from velocity',
    params: ZIdParams,
    query: ZForecastQuery,
    response: ZReleaseForecast,
    errors: [400, 404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/releases/{id}',
    tag: 'releases',
    summary: "Change a release's name, target date or description, or mark it released",
    params: ZIdParams,
    body: ZUpdateReleaseRequest,
    response: ZRelease,
    errors: [400, 403, 404, 409],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/releases/{id}',
    tag: 'releases',
    summary: 'Delete a release; its items stay in the backlog without a release',
    params: ZIdParams,
    errors: [403, 404],
  }),
  addItems: endpoint({
    method: 'POST',
    path: '/api/releases/{id}/items',
    tag: 'releases',
    summary: 'Put items (or epics, which bring their children) into the release; returns the release',
    params: ZIdParams,
    body: ZPlanItemsRequest,
    response: ZReleaseDetail,
    errors: [400, 403, 404],
  }),
  removeItem: endpoint({
    method: 'DELETE',
    path: '/api/releases/{id}/items/{itemKey}',
    tag: 'releases',
    summary: 'Take an item out of the release',
    params: z.object({ id: ZId, itemKey: ZItemKey }),
    errors: [403, 404],
  }),
};
