import { longDate, parseDay, spanWords } from './dates.js';
import { mulberry, scramble } from './random.js';

/**
 * Monte Carlo forecasting from the team's real throughput: each trial replays the future one day
 * at a time, drawing every day's output from a day the team actually had, until the remaining
 * scope is done. Ten thousand trials give a distribution of completion dates, not a single guess.
 */

export const FORECAST_PERCENTS = [50, 70, 85, 95] as const;
export const DEFAULT_TRIALS = 10_000;
/** Trials still running after three years stop there and are reported as not finishing. */
export const DEFAULT_HORIZON_DAYS = 3 * 365;
export const DEFAULT_WINDOW_DAYS = 84;
/**
 * Fixed, so the same data always gives the same answer. Each trial draws from its own stream
 * (seed + trial number), so with more remaining scope every trial runs the same path further and
 * no date can come out earlier.
 */
export const FORECAST_SEED = 0x0bd0_5eed;

export interface Simulation {
  trials: number;
  /** counts[k]: trials that finished on step k (1 ≤ k ≤ horizon); counts[0] is unused */
  counts: Uint32Array;
  /** trials that had not finished when the horizon came */
  unfinished: number;
  horizon: number;
}

/**
 * Runs the trials: each step (a day, or a sprint) draws its output from `samples`. When most steps
 * produce nothing, the idle ones are skipped in one geometric draw: the same distribution as
 * drawing them one by one, but a team that finishes something every few weeks stays fast to
 * simulate. The random stream is inlined because this loop runs millions of times.
 */
export function simulate(
  remaining: number,
  samples: readonly number[],
  opts: { trials?: number; horizon?: number; seed?: number } = {},
): Simulation {
  const trials = opts.trials ?? DEFAULT_TRIALS;
  const horizon = opts.horizon ?? DEFAULT_HORIZON_DAYS;
  const seed = opts.seed ?? FORECAST_SEED;
  const counts = new Uint32Array(horizon + 1);
  const productive = Float64Array.from(samples.filter((s) => s > 0));
  if (productive.length === 0 || remaining <= 0) {
    if (remaining <= 0) counts[0] = trials;
    return { trials, counts, unfinished: remaining <= 0 ? 0 : trials, horizon };
  }
  const all = Float64Array.from(samples);
  const p = productive.length / samples.length;
  const skipIdle = p < 0.5;
  const logIdle = Math.log(1 - p);
  const draws = skipIdle ? productive : all;
  const n = draws.length;
  let unfinished = 0;
  for (let t = 0; t < trials; t++) {
    let state = scramble(seed + t);
    let left = remaining;
    let step = 0;
    while (left > 0) {
      if (skipIdle) {
        state = (state + 0x6d2b79f5) | 0;
        step += 1 + Math.floor(Math.log(1 - mulberry(state)) / logIdle);
      } else {
        step++;
      }
      if (step > horizon) break;
      // mulberry32, inlined: this line runs millions of times per forecast
      state = (state + 0x6d2b79f5) | 0;
      let z = Math.imul(state ^ (state >>> 15), 1 | state);
      z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
      left -= draws[((((z ^ (z >>> 14)) >>> 0) * n) / 4294967296) | 0];
    }
    if (left > 0) unfinished++;
    else counts[step]++;
  }
  return { trials, counts, unfinished, horizon };
}

/** The smallest step by which `percent` % of trials had finished, or null beyond the horizon. */
export function percentileStep(sim: Simulation, percent: number): number | null {
  const needed = Math.ceil((percent / 100) * sim.trials);
  let finished = 0;
  for (let k = 0; k <= sim.horizon; k++) {
    finished += sim.counts[k];
    if (finished >= needed) return k;
  }
  return null;
}

/** Share of trials finished on or before `step`. */
export function shareBy(sim: Simulation, step: number): number {
  let finished = 0;
  const last = Math.min(step, sim.horizon);
  for (let k = 0; k <= last; k++) finished += sim.counts[k];
  return finished / sim.trials;
}

// ---- preparing history ----

export interface HistoryRecord {
  created?: string | null;
  done?: string | null;
}

export interface PreparedHistory {
  /** one entry per usable record: its created day (null when unknown) and done day (null when not done) */
  records: Array<{ created: number | null; done: number | null }>;
  dropped: { doneBeforeCreated: number; unreadableDate: number };
  /** says what was dropped and why, for the response and the CLI */
  note: string | null;
}

/**
 * Cleans a history before it feeds a forecast: a record that finishes before it was created (a
 * common migration artefact) or carries a date that is not a date is dropped and counted, never
 * silently used.
 */
export function prepareHistory(rows: readonly HistoryRecord[]): PreparedHistory {
  const records: PreparedHistory['records'] = [];
  let doneBeforeCreated = 0;
  let unreadableDate = 0;
  for (const row of rows) {
    const created = row.created ? parseDay(row.created) : null;
    const done = row.done ? parseDay(row.done) : null;
    if ((row.created && created === null) || (row.done && done === null)) {
      unreadableDate++;
      continue;
    }
    if (created !== null && done !== null && done < created) {
      doneBeforeCreated++;
      continue;
    }
    records.push({ created, done });
  }
  const parts: string[] = [];
  if (doneBeforeCreated) parts.push(`${doneBeforeCreated} finished before they were created`);
  if (unreadableDate) parts.push(`${unreadableDate} had a date that is not a date`);
  const note = parts.length ? `Dropped ${doneBeforeCreated + unreadableDate} of ${rows.length} records: ${parts.join(', ')}.` : null;
  return { records, dropped: { doneBeforeCreated, unreadableDate }, note };
}

/** Items done on each day of [fromDay, toDay): the throughput samples a forecast draws from. */
export function throughputSamples(doneDays: Iterable<number>, fromDay: number, toDay: number): number[] {
  const samples = new Array<number>(Math.max(0, toDay - fromDay)).fill(0);
  for (const d of doneDays) if (d >= fromDay && d < toDay) samples[d - fromDay]++;
  return samples;
}

// ---- forecasts ----

export interface ForecastPercentile {
  percent: number;
  /** day index, or null when fewer than that share of trials finish within the horizon */
  day: number | null;
}

export interface ForecastResult {
  status: 'ok';
  percentiles: ForecastPercentile[];
  /** chance of finishing on or before the target day; null without a target */
  targetProbability: number | null;
  /** days from the target to the 85 % date (negative: that many days early); null without either */
  daysLate85: number | null;
  /** share of trials still unfinished at the horizon */
  unfinishedShare: number;
  horizonDays: number;
  trials: number;
  /** completion days and how many trials finished in each; buckets of `bucketDays` starting at each day */
  histogram: { bucketDays: number; days: number[]; trials: number[] };
  sentence: string;
}

export type Forecast = ForecastResult | { status: 'no_history'; message: string } | { status: 'done'; message: string };

export interface ThroughputForecastInput {
  /** items not done yet */
  remaining: number;
  /** items done per calendar day over the window */
  samples: readonly number[];
  /** the day the forecast is made; the first simulated day is the next one */
  today: number;
  targetDay?: number | null;
  trials?: number;
  horizonDays?: number;
  seed?: number;
}

/** When will the remaining items be done, at the pace the team really had? */
export function forecastByThroughput(input: ThroughputForecastInput): Forecast {
  if (input.remaining <= 0) return { status: 'done', message: 'Everything in scope is done.' };
  if (!input.samples.some((s) => s > 0)) {
    return {
      status: 'no_history',
      message: input.samples.length
        ? `No items were finished in the last ${input.samples.length} days, so there is no throughput to forecast from.`
        : 'There is no history yet: no full day of work to learn a throughput from.',
    };
  }
  const horizon = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const sim = simulate(input.remaining, input.samples, { trials: input.trials, horizon, seed: input.seed });
  return summarise(sim, (step) => input.today + step, input.today, input.targetDay ?? null, 'days');
}

export interface VelocityForecastInput {
  remainingPoints: number;
  /** points completed in each closed sprint */
  velocities: readonly number[];
  today: number;
  /** the day the next sprint to count ends (the active sprint's end, or today + length) */
  firstSprintEndDay: number;
  sprintLengthDays: number;
  targetDay?: number | null;
  trials?: number;
  seed?: number;
}

/** The same question in points per sprint, for teams that estimate and run sprints. */
export function forecastByVelocity(input: VelocityForecastInput): Forecast {
  if (input.remainingPoints <= 0) return { status: 'done', message: 'No estimated work remains.' };
  if (!input.velocities.some((v) => v > 0)) {
    return {
      status: 'no_history',
      message: input.velocities.length
        ? `No points were completed in the last ${input.velocities.length} closed sprints.`
        : 'No sprint has been closed yet, so there is no velocity to forecast from.',
    };
  }
  const length = Math.max(1, input.sprintLengthDays);
  const horizon = Math.ceil(DEFAULT_HORIZON_DAYS / length);
  const sim = simulate(input.remainingPoints, input.velocities, { trials: input.trials, horizon, seed: input.seed });
  const dayOfStep = (step: number) => input.firstSprintEndDay + (step - 1) * length;
  return summarise(sim, dayOfStep, input.today, input.targetDay ?? null, 'sprints');
}

function summarise(
  sim: Simulation,
  dayOfStep: (step: number) => number,
  today: number,
  targetDay: number | null,
  unit: 'days' | 'sprints',
): ForecastResult {
  const percentiles = FORECAST_PERCENTS.map((percent) => {
    const step = percentileStep(sim, percent);
    return { percent, day: step === null ? null : dayOfStep(step) };
  });
  let targetProbability: number | null = null;
  if (targetDay !== null) {
    let lastStep = 0;
    while (lastStep < sim.horizon && dayOfStep(lastStep + 1) <= targetDay) lastStep++;
    targetProbability = lastStep === 0 ? 0 : shareBy(sim, lastStep);
  }
  const p85 = percentiles.find((p) => p.percent === 85)!.day;
  const daysLate85 = targetDay !== null && p85 !== null ? p85 - targetDay : null;
  const unfinishedShare = sim.unfinished / sim.trials;
  const horizonDays = dayOfStep(sim.horizon) - today;
  return {
    status: 'ok',
    percentiles,
    targetProbability,
    daysLate85,
    unfinishedShare,
    horizonDays,
    trials: sim.trials,
    histogram: histogram(sim, dayOfStep, unit),
    sentence: sentence({ percentiles, targetDay, targetProbability, unfinishedShare, today, horizonDays }),
  };
}

/** Trials per completion day; grouped by week when the spread is long, so a chart stays readable. */
function histogram(sim: Simulation, dayOfStep: (step: number) => number, unit: 'days' | 'sprints') {
  let first = -1;
  let last = -1;
  for (let k = 0; k <= sim.horizon; k++) {
    if (sim.counts[k] > 0) {
      if (first < 0) first = k;
      last = k;
    }
  }
  const days: number[] = [];
  const trials: number[] = [];
  if (first < 0) return { bucketDays: 1, days, trials };
  const bucket = unit === 'days' && last - first > 120 ? 7 : 1;
  for (let k = first; k <= last; k += bucket) {
    let n = 0;
    for (let j = k; j < k + bucket && j <= last; j++) n += sim.counts[j];
    days.push(dayOfStep(k));
    trials.push(n);
  }
  return { bucketDays: unit === 'days' ? bucket : Math.max(1, dayOfStep(2) - dayOfStep(1)), days, trials };
}

function percentWords(share: number): string {
  const pct = Math.round(share * 100);
  if (pct === 0 && share > 0) return 'less than 1 %';
  if (pct === 100 && share < 1) return 'more than 99 %';
  return `${pct} %`;
}

/**
 * The forecast in one plain sentence, e.g. "85 % likely by 24 March — 7 weeks after the target
 * of 1 February; 12 % chance of making the target."
 */
export function sentence(f: {
  percentiles: ForecastPercentile[];
  targetDay: number | null;
  targetProbability: number | null;
  unfinishedShare: number;
  today: number;
  horizonDays: number;
}): string {
  const at = (percent: number) => f.percentiles.find((p) => p.percent === percent)?.day ?? null;
  const p85 = at(85);
  const target = f.targetDay;
  if (p85 === null) {
    const never = `At the current throughput ${percentWords(f.unfinishedShare)} of simulated futures are not finished within ${spanWords(f.horizonDays)}, so there is no 85 % date`;
    return target === null
      ? `${never}.`
      : `${never}; ${percentWords(f.targetProbability ?? 0)} chance of making the target of ${longDate(target, f.today)}.`;
  }
  if (target === null) {
    const parts = [50, 85, 95]
      .map((percent) => ({ percent, day: at(percent) }))
      .map(
        ({ percent, day }, i) =>
          `${percent} %${i === 0 ? ' likely' : ''} by ${day === null ? 'no date within the horizon' : longDate(day, f.today)}`,
      );
    return `${parts.join(', ')}.`;
  }
  const late = p85 - target;
  const relation =
    late === 0 ? 'on the target date' : `${spanWords(late)} ${late > 0 ? 'after' : 'before'} the target of ${longDate(target, f.today)}`;
  return `85 % likely by ${longDate(p85, f.today)} — ${relation}; ${percentWords(f.targetProbability ?? 0)} chance of making the target.`;
}

// ---- backtest ----

export interface BacktestCase {
  /** what was forecast: a release, "open items", or "next 25 items" */
  scope: string;
  asOf: number;
  /** items of the scope not done by then */
  remaining: number;
  p50: number | null;
  p85: number | null;
  /** the day the work really was done; null when it is not yet */
  actual: number | null;
}

export interface BacktestSummary {
  cases: BacktestCase[];
  /** cases whose outcome is known: it happened, or the 85 % date passed without it */
  judged: number;
  within50: number;
  within85: number;
  skippedNoHistory: number;
}

export interface BacktestOptions {
  /** first and last day to forecast from */
  from: number;
  to: number;
  stepDays?: number;
  windowDays?: number;
  trials?: number;
  /** the first day there was a team to measure: days before it are not zero throughput */
  historyStart?: number;
}

/**
 * Replays history: at each step, forecast what was then open from the throughput known then,
 * and compare with what really happened. A well-calibrated forecast has about half of the real
 * outcomes on or before the 50 % date and 85 % on or before the 85 % date.
 *
 * `records` is the scope (a release's items, or all items); its real completion is the day its
 * last open item was done. `doneDays` is the whole team's throughput, which the forecast learns
 * from. With `horizons`, each step also asks "when will the next N items be done?", whose answer
 * is the day the team's N-th next item was done: the question throughput forecasting answers
 * most directly, with many more outcomes to judge.
 */
export function backtest(
  scopes: ReadonlyArray<{ name: string; records: ReadonlyArray<{ created: number | null; done: number | null }> }>,
  doneDays: readonly number[],
  opts: BacktestOptions & { horizons?: readonly number[] },
): BacktestSummary {
  const step = opts.stepDays ?? 7;
  const windowDays = opts.windowDays ?? DEFAULT_WINDOW_DAYS;
  const sorted = [...doneDays].sort((a, b) => a - b);
  const summary: BacktestSummary = { cases: [], judged: 0, within50: 0, within85: 0, skippedNoHistory: 0 };
  const judge = (c: BacktestCase) => {
    summary.cases.push(c);
    if (c.actual !== null) {
      summary.judged++;
      if (c.p50 !== null && c.actual <= c.p50) summary.within50++;
      if (c.p85 !== null && c.actual <= c.p85) summary.within85++;
    } else if (c.p85 !== null && c.p85 < opts.to) {
      summary.judged++;
    }
  };
  for (let asOf = opts.from; asOf < opts.to; asOf += step) {
    const samples = throughputSamples(sorted, Math.max(asOf - windowDays + 1, opts.historyStart ?? -Infinity), asOf + 1);
    const forecast = (remaining: number) => {
      const f = forecastByThroughput({ remaining, samples, today: asOf, trials: opts.trials ?? 2000 });
      if (f.status !== 'ok') return null;
      return { p50: f.percentiles.find((p) => p.percent === 50)!.day, p85: f.percentiles.find((p) => p.percent === 85)!.day };
    };
    for (const scope of scopes) {
      const open = scope.records.filter((r) => r.created !== null && r.created <= asOf && (r.done === null || r.done > asOf));
      if (open.length === 0) continue;
      const f = forecast(open.length);
      if (!f) {
        summary.skippedNoHistory++;
        continue;
      }
      const allDone = open.every((r) => r.done !== null && r.done <= opts.to);
      judge({ scope: scope.name, asOf, remaining: open.length, ...f, actual: allDone ? Math.max(...open.map((r) => r.done!)) : null });
    }
    const firstAfter = lowerBound(sorted, asOf + 1);
    for (const n of opts.horizons ?? []) {
      const f = forecast(n);
      if (!f) {
        summary.skippedNoHistory++;
        continue;
      }
      const nth = firstAfter + n - 1;
      judge({
        scope: `next ${n} items`,
        asOf,
        remaining: n,
        ...f,
        actual: nth < sorted.length && sorted[nth] <= opts.to ? sorted[nth] : null,
      });
    }
  }
  return summary;
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
