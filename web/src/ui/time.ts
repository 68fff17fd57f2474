import { DAY_MS, dayOf, daysBetween, todayIso } from '@ordo/domain/dates';

/**
 * Times and calendar days as people read them. The arithmetic on days is the domain's
 * (`@ordo/domain/dates`); calendar days are shown in UTC so a day never shifts by one in a
 * reader's time zone.
 */

/** "3 Mar 2026", in the reader's locale. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A span as people say it on a board: "45m", "5h", "3d", "2w". */
export function shortDuration(ms: number): string {
  const m = Math.max(0, ms) / 60_000;
  if (m < 60) return `${Math.max(1, Math.floor(m))}m`;
  if (m < 60 * 24) return `${Math.floor(m / 60)}h`;
  const d = Math.floor(ms / DAY_MS);
  return d < 14 ? `${d}d` : `${Math.floor(d / 7)}w`;
}

/** How long ago an ISO time was, as a short duration. */
export const since = (iso: string, now = Date.now()) => shortDuration(now - new Date(iso).getTime());

const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateOf = (day: string) => new Date(dayOf(day) * DAY_MS);

/** "24 Mar", of a calendar day ("2026-03-24") */
export const shortDay = (day: string) => short.format(dateOf(day));
/** "24 Mar 2026" */
export const longDay = (day: string) => long.format(dateOf(day));
/** "Tue 24 Mar", for a chart's tooltip */
export const weekdayDay = (day: string) => weekday.format(dateOf(day));

/** "2 days left", "ends today", "ended 3 days ago" */
export function daysLeft(end: string, now = todayIso(Date.now())): string {
  const n = daysBetween(now, end);
  if (n > 1) return `${n} days left`;
  if (n === 1) return '1 day left';
  if (n === 0) return 'ends today';
  return `ended ${-n} day${n === -1 ? '' : 's'} ago`;
}

/** "14 – 27 Nov" (as the reader's locale writes it), or "no dates yet". */
export function dayRange(start: string | null, end: string | null): string {
  if (!start && !end) return 'no dates yet';
  if (!start || !end) return shortDay((start ?? end)!);
  return short.formatRange(dateOf(start), dateOf(end));
}
