/**
 * What a throughput forecast assumes about a team beyond the days it draws from: how much its pace
 * wanders from week to week, how much it slows over the year-end holidays, and how much more recent
 * weeks say about the next ones than older weeks do. Each is learned from the product's own history
 * when it has enough, and falls back on what real teams show when it does not
 * (docs/decisions/0011-calibrated-forecasts.md has the measurements behind every number here).
 */

export interface ForecastModel {
  /**
   * How far the team's pace wanders: the standard deviation, per week, of a random walk in the
   * logarithm of its pace. 0 means the pace never changes.
   */
  volatility: number;
  /** the share of its usual pace the team keeps from 24 December to 1 January */
  holidayFactor: number;
  /** a week of the window this many weeks old counts half as much as last week */
  halfLifeWeeks: number;
  /**
   * Each trial first re-draws the weeks of the window it learns from, so the pace itself is
   * uncertain: twelve weeks say only so much about a team.
   */
  resampleWindow: boolean;
}

/**
 * Consecutive quarters of real teams differ in pace by a median factor of 1.3–1.4 (issue 11,
 * measured on TAWOS and the agile-project-dataset); a random walk with 0.15 per week gives 1.33
 * between adjacent 12-week windows. A product with its own quarters to compare learns its own.
 */
export const PRIOR_VOLATILITY = 0.15;
/** Real teams finished between none and all of their usual work over the year-end; a third is typical. */
export const PRIOR_HOLIDAY_FACTOR = 0.3;
/**
 * Six weeks: an even window (no weighting) lagged behind teams whose pace had just changed
 * (slowdowns held the 85 % date 76 % of the time), three weeks over-reacted (88 %), six held 82–87 %.
 */
export const RECENCY_HALF_LIFE_WEEKS = 6;
/** How many quarter-to-quarter changes the prior counts as: with four of its own, a product's history weighs as much as the prior. */
const PRIOR_QUARTERS = 4;
/** A past year-end of the product's own weighs as much as the prior. */
const PRIOR_YEAR_ENDS = 1;
const QUARTER_DAYS = 84;
/** Quarters with fewer items finished say more about chance than about pace. */
const MIN_QUARTER_ITEMS = 5;

export const DEFAULT_MODEL: ForecastModel = {
  volatility: PRIOR_VOLATILITY,
  holidayFactor: PRIOR_HOLIDAY_FACTOR,
  halfLifeWeeks: RECENCY_HALF_LIFE_WEEKS,
  resampleWindow: true,
};

/** 24 December to 1 January, when most teams are partly or wholly away. */
export function isYearEndHoliday(day: number): boolean {
  const d = new Date(day * 86_400_000);
  const month = d.getUTCMonth();
  const date = d.getUTCDate();
  return (month === 11 && date >= 24) || (month === 0 && date === 1);
}

export interface LearnedModel {
  model: ForecastModel;
  /** pairs of consecutive quarters the volatility was learned from (0: the prior alone) */
  quarters: number;
  /** past year-ends the holiday factor was learned from (0: the prior alone) */
  yearEnds: number;
  /** the median factor by which one quarter's pace differs from the next under this model */
  typicalQuarterChange: number;
}

/**
 * Learns the model from a product's whole history of items finished per day (`daily[i]` is day
 * `firstDay + i`, the last entry yesterday): the volatility from how much its consecutive quarters
 * differed, beyond what chance alone explains, and its year-end slowdown from past year-ends. Both
 * are pulled toward the prior in proportion to how little history there is.
 */
export function learnModel(daily: readonly number[], firstDay: number): LearnedModel {
  const { pairs, excess } = quarterChanges(daily);
  // Under a random walk with weekly step v, adjacent 12-week means differ with variance 8v².
  const ownVariance = pairs ? Math.max(0, excess / pairs) / ((2 * QUARTER_DAYS) / 7 / 3) : 0;
  const variance = (pairs * ownVariance + PRIOR_QUARTERS * PRIOR_VOLATILITY ** 2) / (pairs + PRIOR_QUARTERS);
  const volatility = Math.sqrt(variance);

  const yearEnd = yearEndShare(daily, firstDay);
  let holidayFactor = PRIOR_HOLIDAY_FACTOR;
  if (yearEnd.years > 0) {
    const perYear = yearEnd.expected / yearEnd.years;
    holidayFactor = (yearEnd.observed + PRIOR_YEAR_ENDS * perYear * PRIOR_HOLIDAY_FACTOR) / (yearEnd.expected + PRIOR_YEAR_ENDS * perYear);
  }
  return {
    model: { ...DEFAULT_MODEL, volatility, holidayFactor },
    quarters: pairs,
    yearEnds: yearEnd.years,
    typicalQuarterChange: Math.exp(0.6745 * Math.sqrt(variance * ((2 * QUARTER_DAYS) / 7 / 3))),
  };
}

/**
 * Consecutive 12-week windows, going back from yesterday: the squared log-ratio of their totals,
 * less what week-to-week chance alone would give (the sampling variance of each window's mean),
 * summed over the pairs that finished enough to compare.
 */
function quarterChanges(daily: readonly number[]) {
  let pairs = 0;
  let excess = 0;
  for (let end = daily.length; end - 2 * QUARTER_DAYS >= 0; end -= QUARTER_DAYS) {
    const later = weekTotals(daily, end - QUARTER_DAYS, end);
    const earlier = weekTotals(daily, end - 2 * QUARTER_DAYS, end - QUARTER_DAYS);
    const a = sum(earlier);
    const b = sum(later);
    if (a < MIN_QUARTER_ITEMS || b < MIN_QUARTER_ITEMS) continue;
    pairs++;
    excess += Math.log(b / a) ** 2 - relativeVarianceOfMean(earlier) - relativeVarianceOfMean(later);
  }
  return { pairs, excess };
}

function weekTotals(daily: readonly number[], from: number, to: number): number[] {
  const weeks: number[] = [];
  for (let d = from; d + 7 <= to; d += 7) {
    let n = 0;
    for (let i = d; i < d + 7; i++) n += daily[i];
    weeks.push(n);
  }
  return weeks;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Var(mean) / mean² of weekly totals: how uncertain a window's pace is from chance alone. */
function relativeVarianceOfMean(weeks: readonly number[]): number {
  const n = weeks.length;
  const mean = sum(weeks) / n;
  const variance = weeks.reduce((a, w) => a + (w - mean) ** 2, 0) / (n - 1);
  return variance / n / mean ** 2;
}

/** Items finished over past year-ends, against what the eight weeks before each would have given. */
function yearEndShare(daily: readonly number[], firstDay: number) {
  let observed = 0;
  let expected = 0;
  let years = 0;
  const lastDay = firstDay + daily.length - 1;
  for (let day = firstDay + 56; day <= lastDay; day++) {
    const d = new Date(day * 86_400_000);
    if (d.getUTCMonth() !== 11 || d.getUTCDate() !== 24) continue;
    const holidays = 9;
    if (day + holidays - 1 > lastDay) break;
    const i = day - firstDay;
    const before = sum(daily.slice(i - 56, i)) / 56;
    if (before <= 0) continue;
    observed += sum(daily.slice(i, i + holidays));
    expected += before * holidays;
    years++;
  }
  return { observed, expected, years };
}
