import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZCsvList, ZIsoDate, ZItemKey, ZProductParams } from './common.js';
import { ITEM_TYPES } from './items.js';
import { STATE_CATEGORIES } from '../domain/workflow.js';

/**
 * Flow charts. Series are columnar: one array per measure, index-aligned with `dates` (or `keys`),
 * so a year of data stays a small response that a chart library can take as it is.
 */

export const ZReportQuery = z
  .strictObject({
    type: ZCsvList.pipe(z.array(z.enum(ITEM_TYPES))).optional(),
    /** the epic's key: only its children */
    epic: ZItemKey.optional(),
    /** first day shown; 90 days before `to` by default */
    from: ZIsoDate.optional(),
    /** last day shown; today by default */
    to: ZIsoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type TReportQuery = z.infer<typeof ZReportQuery>;
export type TReportQueryInput = z.input<typeof ZReportQuery>;

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

// ---- endpoints ----

const filters = '; filter with ?type=story,bug&epic=KEY&from=&to= (the last 90 days by default)';

export const reportsEndpoints = {
  cumulativeFlow: endpoint({
    method: 'GET',
    path: '/api/products/{key}/reports/cfd',
    tag: 'reports',
    summary: `Cumulative flow: items per state at the end of each day, rebuilt from the activity log${filters}`,
    params: ZProductParams,
    query: ZReportQuery,
    response: ZCumulativeFlow,
    errors: [400, 404],
  }),
  cycleTime: endpoint({
    method: 'GET',
    path: '/api/products/{key}/reports/cycle-time',
    tag: 'reports',
    summary: `Cycle-time scatter: each finished item's days from start to done, with 50/85/95 % lines${filters}`,
    params: ZProductParams,
    query: ZReportQuery,
    response: ZCycleTime,
    errors: [400, 404],
  }),
  throughput: endpoint({
    method: 'GET',
    path: '/api/products/{key}/reports/throughput',
    tag: 'reports',
    summary: `Items finished per week${filters}`,
    params: ZProductParams,
    query: ZReportQuery,
    response: ZThroughput,
    errors: [400, 404],
  }),
  aging: endpoint({
    method: 'GET',
    path: '/api/products/{key}/reports/aging',
    tag: 'reports',
    summary: `Aging work in progress: each started item's age against the cycle-time percentiles${filters}`,
    params: ZProductParams,
    query: ZReportQuery,
    response: ZAging,
    errors: [400, 404],
  }),
};
