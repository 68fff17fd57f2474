import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { ZProductParams } from './common.js';

/** How good a product's forecasts have been: its own history replayed, forecast by forecast. */

export const ZHitRate = z.object({
  percent: z.number(),
  /** forecasts whose outcome at this percent is known */
  judged: z.number(),
  /** of those, how many had the work done on or before that percent's date */
  held: z.number(),
  /** held / judged (0–1); null with nothing judged */
  rate: z.number().nullable(),
  /** a 90 % interval for the rate (block bootstrap over weeks, since forecasts on nearby days share their future) */
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const ZBacktestHorizon = z.object({
  /** "next 10 items", or a release's name */
  scope: z.string(),
  kind: z.enum(['items', 'release']),
  releaseId: z.number().nullable(),
  /** forecasts made, judged or not */
  forecasts: z.number(),
  firstAsOf: z.string().nullable(),
  lastAsOf: z.string().nullable(),
  hits: z.array(ZHitRate),
  /** e.g. "Of 212 forecasts made on weekdays over the last year, the 85 % date held 180 times (85 %, likely between 78 % and 91 %)." */
  summary: z.string(),
});

export const ZForecastBacktest = z.object({
  productKey: z.string(),
  asOf: z.string(),
  /** the first and last day forecasts were replayed from */
  from: z.string(),
  to: z.string(),
  windowDays: z.number(),
  /** how the replay asks and judges, in a sentence */
  convention: z.string(),
  /** the next 10, 25 and 50 items, then each release with forecasts in the period */
  horizons: z.array(ZBacktestHorizon),
  dropped: z.object({ doneBeforeCreated: z.number(), unreadableDate: z.number() }),
  sameDay: z.number(),
  note: z.string().nullable(),
});
export type TForecastBacktest = z.infer<typeof ZForecastBacktest>;

export const ZForecastBacktestQuery = z.strictObject({
  windowDays: z.coerce.number().int().min(7).max(730).default(84),
});

export const forecastsEndpoints = {
  backtest: endpoint({
    method: 'GET',
    path: '/api/products/{key}/forecast-backtest',
    tag: 'releases',
    summary:
      "How good the product's forecasts have been: every weekday of the last year replayed as the forecast would have answered then, judged against what happened; hit rates at 50/70/85/95 % with intervals, for the next 10, 25 and 50 items and each release",
    params: ZProductParams,
    query: ZForecastBacktestQuery,
    response: ZForecastBacktest,
    errors: [404],
  }),
};
