import { longDate } from './dates.js';
import { isYearEndHoliday } from './forecast-model.js';

/**
 * How far to trust a throughput forecast, and why, in words a stakeholder understands. Each reason
 * is a situation in which replays of real teams' histories held the 85 % date less often (or the
 * dates stand on less than they seem to): the pace changed recently, one day dominates the window,
 * the window is thin against what remains, the forecast crosses the year-end holidays, or the scope
 * grows faster than work finishes. The forecast already widens for most of these; the words say
 * what a product owner should watch.
 */

export type ConfidenceLevel = 'high' | 'medium' | 'low';
export type ConfidenceCode = 'pace_changed' | 'bulk_close' | 'thin_window' | 'year_end' | 'scope_growing';

export interface ConfidenceReason {
  code: ConfidenceCode;
  /** 'low' when this alone makes the dates shaky */
  severity: 'medium' | 'low';
  message: string;
}

export interface Confidence {
  level: ConfidenceLevel;
  reasons: ConfidenceReason[];
}

export interface ConfidenceInput {
  /** items done per day over the window, oldest first, ending yesterday */
  samples: readonly number[];
  remaining: number;
  today: number;
  /** the forecast's 85 % date, or null beyond the horizon */
  p85Day: number | null;
  /** the share of its usual pace the team keeps over the year-end, and whether its own history says so */
  holidayFactor?: number;
  holidayLearned?: boolean;
  /** how much the scope grew (joined less left) and how much of it was finished over the last `days` days (a release's burnup) */
  scopeChange?: { days: number; grew: number; finished: number };
}

/** The last four weeks against the window, as the issue measured slowdowns. */
const RECENT_DAYS = 28;
/** A slowdown: the last 4 weeks under two thirds of the window's pace (these held the 85 % date 67 % of the time before). */
const SLOWER = 2 / 3;
/**
 * One day holding a fifth of the window's items is a bulk close, not a day's work: a twelve-week
 * window has about sixty working days, so that day did a dozen days' work.
 */
const BULK_SHARE = 0.2;
const BULK_MIN_ITEMS = 5;
/** Windows that finished fewer than three times the remaining items held the 85 % date 67 % of the time before. */
const THIN_RATIO = 3;

const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
const perFourWeeks = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, ''));

export function assessConfidence(input: ConfidenceInput): Confidence {
  const reasons: ConfidenceReason[] = [];
  const { samples, remaining, today } = input;
  const finished = samples.reduce((a, b) => a + b, 0);
  const weeks = Math.round(samples.length / 7);

  if (samples.length >= 2 * RECENT_DAYS && finished > 0) {
    const recent = samples.slice(-RECENT_DAYS).reduce((a, b) => a + b, 0);
    const usual = (finished / samples.length) * RECENT_DAYS;
    const ratio = recent / usual;
    if (ratio < SLOWER || ratio > 1 / SLOWER) {
      const slower = ratio < 1;
      reasons.push({
        code: 'pace_changed',
        severity: ratio < 0.5 || ratio > 2 ? 'low' : 'medium',
        message: slower
          ? `The pace dropped: ${items(recent)} finished in the last 4 weeks, against ${perFourWeeks(usual)} every 4 weeks over the last ${weeks} weeks. Recent weeks count more; if the slowdown lasts, the dates move later.`
          : `The pace rose: ${items(recent)} finished in the last 4 weeks, against ${perFourWeeks(usual)} every 4 weeks over the last ${weeks} weeks. Recent weeks count more; if the team falls back to its old pace, the dates move later.`,
      });
    }
  }

  if (finished >= BULK_MIN_ITEMS) {
    let busiest = 0;
    for (let i = 1; i < samples.length; i++) if (samples[i] > samples[busiest]) busiest = i;
    const share = samples[busiest] / finished;
    if (share >= BULK_SHARE && samples[busiest] >= BULK_MIN_ITEMS) {
      const day = today - samples.length + busiest;
      reasons.push({
        code: 'bulk_close',
        severity: share >= 0.5 ? 'low' : 'medium',
        message: `One day, ${longDate(day, today)}, holds ${samples[busiest]} of the ${finished} items finished in the window — a bulk close? If those items were tidied up rather than finished that day, the team is slower than the forecast assumes.`,
      });
    }
  }

  if (finished > 0 && finished < THIN_RATIO * remaining) {
    const ahead = Math.max(1, Math.round((remaining / finished) * (samples.length / 7)));
    reasons.push({
      code: 'thin_window',
      severity: finished < remaining ? 'low' : 'medium',
      message: `Only ${items(finished)} finished in the last ${weeks} weeks, against ${remaining} remaining: at that pace the forecast looks ${ahead} ${ahead === 1 ? 'week' : 'weeks'} ahead from ${weeks} weeks of evidence, so a change of pace weighs heavily.`,
    });
  }

  if (input.p85Day !== null && crossesYearEnd(today, input.p85Day)) {
    const factor = input.holidayFactor;
    const pace =
      factor === undefined
        ? ''
        : input.holidayLearned
          ? ` In past years this team kept about ${Math.round(factor * 100)} % of its usual pace then, and the forecast assumes the same.`
          : ` Teams typically keep about a third of their usual pace then, and the forecast assumes the same.`;
    reasons.push({
      code: 'year_end',
      severity: 'medium',
      message: `The forecast crosses the year-end holidays (24 December – 1 January), when teams finish less and less predictably.${pace}`,
    });
  }

  const scope = input.scopeChange;
  if (scope && scope.grew > 0 && scope.grew >= scope.finished) {
    reasons.push({
      code: 'scope_growing',
      severity: 'low',
      message: `Scope is growing faster than work finishes: it grew by ${items(scope.grew)} in the last ${Math.round(scope.days / 7)} weeks while ${scope.finished} ${scope.finished === 1 ? 'was' : 'were'} finished. The dates are for today's scope; if it keeps growing, they keep moving.`,
    });
  }

  return { level: levelOf(reasons), reasons };
}

/** High with nothing to watch; low when one reason alone makes the dates shaky or three add up; medium otherwise. */
function levelOf(reasons: readonly ConfidenceReason[]): ConfidenceLevel {
  if (reasons.length === 0) return 'high';
  if (reasons.some((r) => r.severity === 'low') || reasons.length >= 3) return 'low';
  return 'medium';
}

function crossesYearEnd(from: number, to: number): boolean {
  // The holidays last nine days, so any span of a year or more crosses them.
  if (to - from >= 366) return true;
  for (let d = from; d <= to; d++) if (isYearEndHoliday(d)) return true;
  return false;
}

const LEVEL_WORDS: Record<ConfidenceLevel, string> = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' };

/** The confidence in one paragraph, for a status update or an e-mail: "Medium confidence: the pace dropped: …". */
export function confidenceText(c: Confidence): string {
  if (c.reasons.length === 0) return `${LEVEL_WORDS.high}: the pace has been steady and the window holds plenty of finished work.`;
  return `${LEVEL_WORDS[c.level]}. ${c.reasons.map((r) => r.message).join(' ')}`;
}
