import type { TForecastOutcome, TReleaseForecast } from '@ordo/contract';
import { longDay } from '../../ui/time';

export type Health = 'on_track' | 'at_risk' | 'off_track' | 'neutral' | 'done';

const HEALTH_LABELS: Record<Exclude<Health, 'neutral'>, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  done: 'Done',
};

/** The badge's word: the health, or why there is none. */
export function healthLabel(f: TForecastOutcome): string {
  const health = healthOf(f);
  if (health !== 'neutral') return HEALTH_LABELS[health];
  return f.status === 'no_history' ? 'No forecast yet' : 'No target date';
}

/**
 * The forecast's colour: the chance of making the target. 85 % or better is on track; under
 * a coin toss is off track; in between, at risk.
 */
export function healthOf(f: TForecastOutcome): Health {
  if (f.status === 'done') return 'done';
  if (f.status !== 'ok' || f.targetProbability === null) return 'neutral';
  if (f.targetProbability >= 0.85) return 'on_track';
  if (f.targetProbability >= 0.5) return 'at_risk';
  return 'off_track';
}

export const percentLabel = (p: number) => `${Math.round(p * 100)} %`;

/** "6 weeks late", "3 days late", "on the target day", "2 weeks early" */
export function lateness(days: number): string {
  const n = Math.abs(days);
  const span = n >= 14 ? `${Math.round(n / 7)} weeks` : `${n} ${n === 1 ? 'day' : 'days'}`;
  if (days === 0) return 'on the target day';
  return days > 0 ? `${span} late` : `${span} early`;
}

/** The date at a percentile, when the forecast has one. */
export function dateAt(f: TForecastOutcome, percent: number): string | null {
  return f.status === 'ok' ? (f.percentiles.find((p) => p.percent === percent)?.date ?? null) : null;
}

/** The forecast in one short line, for the list of releases. */
export function forecastLine(f: TReleaseForecast): string {
  if (f.status === 'done') return 'Everything in it is done';
  if (f.status === 'no_history') return 'No forecast yet: no finished work to learn from';
  const p85 = dateAt(f, 85);
  const when = p85 ? `85 % by ${longDay(p85)}` : 'Not within the horizon at the current pace';
  if (f.targetProbability === null || f.daysLate85 === null) return when;
  return `${when} · ${lateness(f.daysLate85)} · ${percentLabel(f.targetProbability)} chance of the target`;
}
