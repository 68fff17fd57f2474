import { weekStart } from './dates.js';
import { DEFAULT_WINDOW_DAYS, FORECAST_PERCENTS, forecastByThroughput, throughputSamples } from './forecast.js';
import { assessConfidence, type ConfidenceCode, type ConfidenceLevel } from './forecast-confidence.js';
import { learnModel, type ForecastModel } from './forecast-model.js';
import { Random } from './random.js';

/**
 * Replays a history: on each day asked, forecast what was then open from the throughput known
 * then, exactly as the product would have, and compare with what really happened. A
 * well-calibrated forecast has about half the real outcomes on or before its 50 % date and 85 %
 * on or before its 85 % date.
 */

export interface BacktestCase {
  /** what was forecast: "next 25 items" or a release's name */
  scope: string;
  kind: 'items' | 'release';
  releaseId: number | null;
  asOf: number;
  /** items of the scope not done by then */
  remaining: number;
  /** the forecast's day at each of FORECAST_PERCENTS; null beyond the horizon */
  dates: Array<number | null>;
  /** the day the work really was done; null when it is not (or not yet) */
  actual: number | null;
  confidence: ConfidenceLevel;
  /** what the confidence said, by code */
  reasons: ConfidenceCode[];
}

export interface BacktestScope {
  name: string;
  releaseId?: number | null;
  records: ReadonlyArray<{ created: number | null; done: number | null }>;
}

export interface BacktestInput {
  /** the day every finished item was done (the team's throughput), in any order */
  doneDays: readonly number[];
  /** releases: each forecast, on each day asked, for its items then open */
  scopes?: readonly BacktestScope[];
  /** "when will the next N items be done?": the question throughput answers most directly */
  horizons?: readonly number[];
  /** the days to forecast from */
  days: readonly number[];
  /** the first day outcomes are not known: today (it is not over) */
  to: number;
  /** the first day there was a team: days before it are not days of zero throughput */
  historyStart: number;
  windowDays?: number;
  trials?: number;
  /** a fixed model; without one, each forecast learns it from the history known on its day, as the product does */
  model?: Partial<ForecastModel>;
}

export function backtest(input: BacktestInput): BacktestCase[] {
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;
  const sorted = [...input.doneDays].sort((a, b) => a - b);
  const daily = throughputSamples(sorted, input.historyStart, input.to);
  const cases: BacktestCase[] = [];
  for (const asOf of input.days) {
    if (asOf <= input.historyStart || asOf > input.to) continue;
    const samples = daily.slice(Math.max(0, asOf - windowDays - input.historyStart), asOf - input.historyStart);
    const learned = input.model ? null : learnModel(daily.slice(0, asOf - input.historyStart), input.historyStart);
    const model = input.model ?? learned!.model;
    const forecast = (remaining: number) => {
      const f = forecastByThroughput({ remaining, samples, today: asOf, trials: input.trials ?? 2000, model });
      if (f.status !== 'ok') return null;
      const dates = f.percentiles.map((p) => p.day);
      const confidence = assessConfidence({
        samples,
        remaining,
        today: asOf,
        p85Day: dates[FORECAST_PERCENTS.indexOf(85)],
        holidayFactor: model.holidayFactor,
      });
      return { dates, confidence: confidence.level, reasons: confidence.reasons.map((r) => r.code) };
    };
    for (const scope of input.scopes ?? []) {
      const open = scope.records.filter((r) => r.created !== null && r.created <= asOf && (r.done === null || r.done >= asOf));
      if (open.length === 0) continue;
      const f = forecast(open.length);
      if (!f) continue;
      const allDone = open.every((r) => r.done !== null && r.done < input.to);
      cases.push({
        scope: scope.name,
        kind: 'release',
        releaseId: scope.releaseId ?? null,
        asOf,
        remaining: open.length,
        ...f,
        actual: allDone ? Math.max(...open.map((r) => r.done!)) : null,
      });
    }
    // Forecast in the morning: what finishes on the day asked is still ahead.
    const firstAhead = lowerBound(sorted, asOf);
    for (const n of input.horizons ?? []) {
      const f = forecast(n);
      if (!f) continue;
      const nth = firstAhead + n - 1;
      cases.push({
        scope: `next ${n} items`,
        kind: 'items',
        releaseId: null,
        asOf,
        remaining: n,
        ...f,
        actual: nth < sorted.length && sorted[nth] < input.to ? sorted[nth] : null,
      });
    }
  }
  return cases;
}

/**
 * Whether a case's date at one percent held, once that is known: the work was done (on or before
 * the date: it held), or the date passed without it (it did not). A date beyond the horizon holds
 * whenever the work was done at all.
 */
export function judge(c: BacktestCase, percentIndex: number, to: number): 'held' | 'missed' | null {
  const date = c.dates[percentIndex];
  if (c.actual !== null) return date === null || c.actual <= date ? 'held' : 'missed';
  return date !== null && date < to ? 'missed' : null;
}

export interface HitRate {
  percent: number;
  /** forecasts whose outcome at this percent is known */
  judged: number;
  held: number;
  rate: number | null;
  /** a 90 % interval for the rate, from a block bootstrap over weeks; null with nothing judged */
  low: number | null;
  high: number | null;
}

export interface ScopeCalibration {
  scope: string;
  kind: 'items' | 'release';
  releaseId: number | null;
  /** forecasts made (judged or not) */
  forecasts: number;
  firstAsOf: number | null;
  lastAsOf: number | null;
  hits: HitRate[];
}

export const CALIBRATION_INTERVAL = 0.9;
const RESAMPLES = 2000;

/**
 * Hit rates per scope at 50/70/85/95 %, each with an interval. Forecasts made on consecutive days
 * share most of their future, so they are not independent: the interval comes from re-drawing
 * whole runs of weeks (a moving-block bootstrap), each run as long as a typical forecast reaches.
 */
export function calibrate(cases: readonly BacktestCase[], to: number, seed = 11): ScopeCalibration[] {
  const scopes = new Map<string, BacktestCase[]>();
  for (const c of cases) {
    const list = scopes.get(c.scope);
    if (list) list.push(c);
    else scopes.set(c.scope, [c]);
  }
  return [...scopes.values()].map((list) => ({
    scope: list[0].scope,
    kind: list[0].kind,
    releaseId: list[0].releaseId,
    forecasts: list.length,
    firstAsOf: list.length ? Math.min(...list.map((c) => c.asOf)) : null,
    lastAsOf: list.length ? Math.max(...list.map((c) => c.asOf)) : null,
    hits: hitRates(list, to, seed),
  }));
}

function hitRates(list: readonly BacktestCase[], to: number, seed: number): HitRate[] {
  const first = weekStart(Math.min(...list.map((c) => c.asOf)));
  const weeks = Math.floor((weekStart(Math.max(...list.map((c) => c.asOf))) - first) / 7) + 1;
  const p = FORECAST_PERCENTS.length;
  // judged and held per week and percent
  const judged = new Float64Array(weeks * p);
  const held = new Float64Array(weeks * p);
  const spans: number[] = [];
  for (const c of list) {
    const w = (weekStart(c.asOf) - first) / 7;
    for (let q = 0; q < p; q++) {
      const verdict = judge(c, q, to);
      if (verdict === null) continue;
      judged[w * p + q]++;
      if (verdict === 'held') held[w * p + q]++;
    }
    const reach = c.actual ?? c.dates[FORECAST_PERCENTS.indexOf(85)];
    if (reach !== null) spans.push(reach - c.asOf);
  }
  spans.sort((a, b) => a - b);
  const blockWeeks = Math.max(1, Math.min(weeks, Math.ceil((spans[Math.floor(spans.length / 2)] ?? 0) / 7)));
  const rng = new Random(seed);
  const rates = Array.from({ length: p }, () => [] as number[]);
  const sumJ = new Float64Array(p);
  const sumH = new Float64Array(p);
  for (let b = 0; b < RESAMPLES; b++) {
    sumJ.fill(0);
    sumH.fill(0);
    for (let filled = 0; filled < weeks;) {
      const start = rng.int(weeks - blockWeeks + 1);
      for (let i = 0; i < blockWeeks && filled < weeks; i++, filled++) {
        for (let q = 0; q < p; q++) {
          sumJ[q] += judged[(start + i) * p + q];
          sumH[q] += held[(start + i) * p + q];
        }
      }
    }
    for (let q = 0; q < p; q++) if (sumJ[q] > 0) rates[q].push(sumH[q] / sumJ[q]);
  }
  return FORECAST_PERCENTS.map((percent, q) => {
    let j = 0;
    let h = 0;
    for (let w = 0; w < weeks; w++) {
      j += judged[w * p + q];
      h += held[w * p + q];
    }
    const sorted = rates[q].sort((a, b) => a - b);
    const tail = (1 - CALIBRATION_INTERVAL) / 2;
    const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
    return {
      percent,
      judged: j,
      held: h,
      rate: j ? h / j : null,
      low: j && sorted.length ? at(tail) : null,
      high: j && sorted.length ? at(1 - tail) : null,
    };
  });
}

function lowerBound(sorted: readonly number[], value: number) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Monday to Friday between two days, the days a product owner asks on. */
export function weekdaysBetween(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = from; d < to; d++) if ((d + 3) % 7 < 5) days.push(d);
  return days;
}
