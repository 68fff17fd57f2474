import { isYearEndHoliday, type ForecastModel } from './forecast-model.js';
import { mulberry, scramble } from './random.js';

/**
 * The throughput simulation: each trial replays the future from today, a week at a time, drawing
 * each week whole from a week the team really had. Whole weeks keep what independent days lose:
 * the weekend (a team that does not work weekends gets the same dates whatever day it asks on) and
 * the way a good or a bad day comes with good or bad days around it, which made weeks vary
 * 1.1–1.6× more than independent days allow.
 *
 * On top of the drawn weeks, the team's pace wanders: it is multiplied by a factor that follows a
 * random walk (in its logarithm) from week to week, starting from where the window leaves the pace
 * uncertain. The window counts recent weeks more, and each trial re-draws the weeks it learns
 * from. Over the year-end holidays the team keeps only part of its pace.
 */

export interface WeeklySimulation {
  trials: number;
  /** counts[k]: trials that finished on day today + k (k = 0 is today) */
  counts: Uint32Array;
  /** trials that had not finished when the horizon came */
  unfinished: number;
  horizon: number;
}

export interface WeeklySimulationOptions {
  /** the day the forecast is made: the first simulated day */
  today: number;
  model: ForecastModel;
  trials: number;
  horizon: number;
  seed: number;
}

/**
 * The standard normal distribution as 4,096 equally likely values (the quantiles at the middle of
 * each 1/4096 slice): one uniform draw picks one. Tails beyond ±3.6 are cut, which a pace that
 * wanders by 15 % a week never misses.
 */
const NORMAL_QUANTILES = (() => {
  const n = 4096;
  const table = new Float64Array(n);
  for (let i = 0; i < n; i++) table[i] = normalQuantile((i + 0.5) / n);
  return table;
})();

/** The inverse of the standard normal distribution (Acklam's rational approximation, relative error under 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** The block whose cumulative weight first exceeds `u`. */
function pick(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Below two weeks of history a week's shape cannot be learned: single days are drawn instead. */
const MIN_DAYS_FOR_WEEKS = 14;
const DONE = 1e-9;

/** The weeks of a window: 7-day blocks ending yesterday, most recent first, each starting on today's weekday. */
export function windowBlocks(samples: readonly number[]) {
  const length = samples.length >= MIN_DAYS_FOR_WEEKS ? 7 : 1;
  const count = Math.floor(samples.length / length);
  const values = new Float64Array(count * length);
  const totals = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const start = samples.length - (j + 1) * length;
    for (let i = 0; i < length; i++) {
      values[j * length + i] = samples[start + i];
      totals[j] += samples[start + i];
    }
  }
  return { length, count, values, totals };
}

/** How much each block of the window counts: halving every `halfLifeWeeks`, summing to 1. */
export function blockWeights(count: number, blockDays: number, halfLifeWeeks: number): Float64Array {
  const weights = new Float64Array(count);
  let total = 0;
  for (let j = 0; j < count; j++) {
    weights[j] = Number.isFinite(halfLifeWeeks) ? Math.pow(0.5, (j * blockDays) / 7 / halfLifeWeeks) : 1;
    total += weights[j];
  }
  for (let j = 0; j < count; j++) weights[j] /= total;
  return weights;
}

/**
 * How far today's pace may already be from the window's weighted mean under the random walk, as
 * a variance in weeks of walking: half a block from now to the newest block's middle, then, for
 * each older block, a block's walk shared by the weight of every block beyond it.
 */
function offsetWeeks(weights: Float64Array, blockDays: number): number {
  const blockWeeks = blockDays / 7;
  let beyond = 1;
  let weeks = 0.5 * blockWeeks;
  for (let j = 0; j < weights.length - 1; j++) {
    beyond -= weights[j];
    weeks += blockWeeks * beyond * beyond;
  }
  return weeks;
}

export function simulateWeeks(remaining: number, samples: readonly number[], opts: WeeklySimulationOptions): WeeklySimulation {
  const { trials, horizon, seed, model, today } = opts;
  const counts = new Uint32Array(horizon + 1);
  const blocks = windowBlocks(samples);
  if (remaining <= 0) {
    counts[0] = trials;
    return { trials, counts, unfinished: 0, horizon };
  }
  if (blocks.count === 0 || !blocks.totals.some((t) => t > 0)) return { trials, counts, unfinished: trials, horizon };

  const { length: blockDays, count, values, totals } = blocks;
  const weights = blockWeights(count, blockDays, model.halfLifeWeeks);
  const cumulative = new Float64Array(count);
  let acc = 0;
  let sumSquares = 0;
  for (let j = 0; j < count; j++) {
    acc += weights[j];
    cumulative[j] = acc;
    sumSquares += weights[j] * weights[j];
  }
  cumulative[count - 1] = 1;
  // A weighted window says as much as this many equally weighted blocks.
  const effective = Math.max(1, Math.min(count, Math.round(1 / sumSquares)));
  const stepSd = model.volatility * Math.sqrt(blockDays / 7);
  const offsetSd = model.volatility * Math.sqrt(offsetWeeks(weights, blockDays));

  // The holiday factor of each simulated day, and how many holidays fall before each day, so a
  // block can tell at once whether it holds any.
  const factor = new Float64Array(horizon + blockDays + 1).fill(1);
  const holidaysBefore = new Uint16Array(horizon + blockDays + 2);
  for (let k = 0; k < factor.length; k++) {
    const holiday = isYearEndHoliday(today + k);
    if (holiday) factor[k] = model.holidayFactor;
    holidaysBefore[k + 1] = holidaysBefore[k] + (holiday ? 1 : 0);
  }

  // The random walk's weekly factors, one per standard-normal quantile: the loop below multiplies
  // the pace by one of them each block instead of computing an exponential.
  const stepFactors = new Float64Array(NORMAL_QUANTILES.length);
  for (let i = 0; i < stepFactors.length; i++) stepFactors[i] = Math.exp(stepSd * NORMAL_QUANTILES[i]);
  const quantiles = NORMAL_QUANTILES.length;

  const picked = new Int32Array(effective);
  let unfinished = 0;
  for (let t = 0; t < trials; t++) {
    // Each trial draws from its own stream, always in the same order, so with more remaining
    // scope a trial runs the same path further and no date can come out earlier. The stream
    // (mulberry32) is inlined: this loop runs millions of times per forecast.
    let state = scramble(seed + t);
    state = (state + 0x6d2b79f5) | 0;
    let pace = offsetSd > 0 ? Math.exp(offsetSd * NORMAL_QUANTILES[(mulberry(state) * quantiles) | 0]) : 1;
    if (model.resampleWindow) {
      for (let r = 0; r < effective; r++) {
        state = (state + 0x6d2b79f5) | 0;
        picked[r] = pick(cumulative, mulberry(state));
      }
    }
    let left = remaining;
    let finishedOn = -1;
    for (let k = 0; k <= horizon && finishedOn < 0; k += blockDays) {
      state = (state + 0x6d2b79f5) | 0;
      const u = mulberry(state);
      const b = model.resampleWindow ? picked[(u * effective) | 0] : pick(cumulative, u);
      if (k > 0 && stepSd > 0) {
        state = (state + 0x6d2b79f5) | 0;
        pace *= stepFactors[(mulberry(state) * quantiles) | 0];
      }
      if (holidaysBefore[k + blockDays] === holidaysBefore[k] && left > totals[b] * pace + DONE) {
        left -= totals[b] * pace;
        continue;
      }
      for (let i = 0; i < blockDays && k + i <= horizon; i++) {
        left -= values[b * blockDays + i] * pace * factor[k + i];
        if (left <= DONE) {
          finishedOn = k + i;
          break;
        }
      }
    }
    if (finishedOn < 0) unfinished++;
    else counts[finishedOn]++;
  }
  return { trials, counts, unfinished, horizon };
}
