import { longDate, parseDay, spanWords } from './dates.js';
import { DEFAULT_MODEL, type ForecastModel } from './forecast-model.js';
import { simulateWeeks } from './forecast-weeks.js';
import { mulberry, scramble } from './random.js';

/**
 * Monte Carlo forecasting from the team's real throughput: each trial replays the future from
 * today, drawing whole weeks the team actually had while its pace wanders as real teams' paces do
 * (forecast-weeks.ts, forecast-model.ts), until the remaining scope is done. Ten thousand trials
 * give a distribution of completion dates, not a single guess. Points forecasts draw whole sprints.
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
  /** counts[k]: trials that finished on step k (0 ≤ k ≤ horizon; what a step is, the caller says) */
  counts: Uint32Array;
  /** trials that had not finished when the horizon came */
  unfinished: number;
  horizon: number;
}

/**
 * Runs the trials with independent steps: each step (a sprint) draws its output from `samples`. When most steps
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

/**
 * The step for `percent`, or null beyond the horizon. `at-least`: the first step by which that
 * share of trials had finished. `nearest`: of that step and the one before, the one whose share is
 * nearer `percent` (the later on a tie). With whole days, "at least 85 %" holds more than 85 % of
 * the time by however much finished on the day itself: on a fast team, finishing 10 items takes a
 * day or two, and the 50 % date held 64–72 % of the time. The nearest day holds the stated share
 * on average; the chance of a given target is still reported exactly.
 */
export function percentileStep(sim: Simulation, percent: number, rule: 'at-least' | 'nearest' = 'at-least'): number | null {
  const share = percent / 100;
  const needed = Math.ceil(share * sim.trials);
  let finished = 0;
  for (let k = 0; k <= sim.horizon; k++) {
    const before = finished;
    finished += sim.counts[k];
    if (finished < needed) continue;
    if (rule === 'nearest' && k > 0 && share - before / sim.trials < finished / sim.trials - share) return k - 1;
    return k;
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
  /** records finished the day before they were created, counted as finished the day they were created */
  sameDay: number;
  /** says what was dropped or adjusted and why, for the response and the CLI */
  note: string | null;
}

/**
 * A record "finished" at most this long before it was created is a clock or time-zone artefact
 * of the tracker it came from, not a mistake: in the agile-project-dataset 40 % of the rows finish
 * exactly one day before they start. Dropping them would throw away 40 % of that team's history,
 * unevenly; they count as finished the day they were created.
 */
export const SAME_DAY_TOLERANCE_DAYS = 1;

/**
 * Cleans a history before it feeds a forecast: a record that finishes a day before it was created
 * counts as finished that day; one that finishes earlier still, or carries a date that is not a
 * date, is dropped and counted, never silently used.
 */
export function prepareHistory(rows: readonly HistoryRecord[]): PreparedHistory {
  const records: PreparedHistory['records'] = [];
  let doneBeforeCreated = 0;
  let unreadableDate = 0;
  let sameDay = 0;
  for (const row of rows) {
    const created = row.created ? parseDay(row.created) : null;
    const done = row.done ? parseDay(row.done) : null;
    if ((row.created && created === null) || (row.done && done === null)) {
      unreadableDate++;
      continue;
    }
    if (created !== null && done !== null && done < created) {
      if (created - done <= SAME_DAY_TOLERANCE_DAYS) {
        sameDay++;
        records.push({ created, done: created });
      } else doneBeforeCreated++;
      continue;
    }
    records.push({ created, done });
  }
  return {
    records,
    dropped: { doneBeforeCreated, unreadableDate },
    sameDay,
    note: historyNote(rows.length, doneBeforeCreated, unreadableDate, sameDay),
  };
}

/** What was dropped or adjusted, in a sentence or two; null when nothing was. */
export function historyNote(total: number, doneBeforeCreated: number, unreadableDate: number, sameDay: number): string | null {
  const sentences: string[] = [];
  const dropped: string[] = [];
  if (doneBeforeCreated) dropped.push(`${doneBeforeCreated} finished more than a day before they were created`);
  if (unreadableDate) dropped.push(`${unreadableDate} had a date that is not a date`);
  if (dropped.length) sentences.push(`Dropped ${doneBeforeCreated + unreadableDate} of ${total} records: ${dropped.join(', ')}.`);
  if (sameDay)
    sentences.push(
      `${sameDay} of ${total} finished the day before they were created (a clock or time-zone artefact of the tracker they came from) and count as finished the day they were created.`,
    );
  return sentences.length ? sentences.join(' ') : null;
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
  /** items done per calendar day over the window, oldest first, ending yesterday */
  samples: readonly number[];
  /** the day the forecast is made, and the first simulated day: work can still finish today */
  today: number;
  targetDay?: number | null;
  trials?: number;
  horizonDays?: number;
  seed?: number;
  /** what the simulation assumes about the team (learnModel() learns it from the product's history) */
  model?: Partial<ForecastModel>;
}

/** When will the remaining items be done, at the pace the team really had and the way paces change? */
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
  const sim = simulateWeeks(input.remaining, input.samples, {
    today: input.today,
    model: { ...DEFAULT_MODEL, ...input.model },
    trials: input.trials ?? DEFAULT_TRIALS,
    horizon,
    seed: input.seed ?? FORECAST_SEED,
  });
  return summarise(
    sim,
    { dayOfStep: (step) => input.today + step, firstStep: 0, rule: 'nearest', unit: 'days' },
    input.today,
    input.targetDay ?? null,
  );
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
  // A sprint is a coarse step: its dates keep meaning "at least that share".
  return summarise(sim, { dayOfStep, firstStep: 1, rule: 'at-least', unit: 'sprints' }, input.today, input.targetDay ?? null);
}

interface Steps {
  dayOfStep: (step: number) => number;
  /** the first step a trial can finish on: 0 (today) for days, 1 (the first sprint's end) for sprints */
  firstStep: number;
  rule: 'at-least' | 'nearest';
  unit: 'days' | 'sprints';
}

function summarise(sim: Simulation, steps: Steps, today: number, targetDay: number | null): ForecastResult {
  const { dayOfStep, unit } = steps;
  const percentiles = FORECAST_PERCENTS.map((percent) => {
    const step = percentileStep(sim, percent, steps.rule);
    return { percent, day: step === null ? null : dayOfStep(step) };
  });
  let targetProbability: number | null = null;
  if (targetDay !== null) {
    let lastStep = steps.firstStep - 1;
    while (lastStep < sim.horizon && dayOfStep(lastStep + 1) <= targetDay) lastStep++;
    targetProbability = lastStep < steps.firstStep ? 0 : shareBy(sim, lastStep);
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
