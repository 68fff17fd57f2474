/**
 * Chart days. The API speaks in calendar days ("2026-03-24"); uPlot's time scale in seconds. Days
 * are read and shown in UTC so a day never shifts by one in a reader's time zone.
 */
export const DAY_S = 86_400;

export const daySeconds = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 1000;
export const dayOfSeconds = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "24 Mar" */
export const shortDay = (day: string) => short.format(new Date(daySeconds(day) * 1000));
/** "24 Mar 2026" */
export const longDay = (day: string) => long.format(new Date(daySeconds(day) * 1000));
/** "Tue 24 Mar", for a chart's tooltip */
export const weekdayDay = (day: string) => weekday.format(new Date(daySeconds(day) * 1000));

/** Today as a calendar day in UTC, as the server counts days. */
export const today = () => new Date().toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => dayOfSeconds(daySeconds(day) + n * DAY_S);

/** Whole days from `a` to `b`. */
export const daysBetween = (a: string, b: string) => Math.round((daySeconds(b) - daySeconds(a)) / DAY_S);

/** "2 days left", "ends today", "ended 3 days ago" */
export function daysLeft(end: string, now = today()): string {
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
  return short.formatRange(new Date(daySeconds(start) * 1000), new Date(daySeconds(end) * 1000));
}
