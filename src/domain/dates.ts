/**
 * Calendar days as integers (days since 1970-01-01, UTC), which is how forecasts and flow charts
 * count time: a day index subtracts and compares without time zones getting in the way.
 */
export const DAY_MS = 86_400_000;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The day of an ISO timestamp or date (`2026-03-02T09:00:00Z` and `2026-03-02` give the same day). */
export function dayOf(iso: string): number {
  return Math.floor(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / DAY_MS);
}

/** The day of a date, or null when the text is not a real calendar date. */
export function parseDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return null;
  const day = Math.floor(ms / DAY_MS);
  // Date.parse rolls 2026-02-31 over to March; a real date survives the round trip.
  if (text.length === 10 && isoDay(day) !== text) return null;
  return day;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's calendar day (UTC, as the server counts days) at the instant `nowMs`. */
export function todayIso(nowMs: number): string {
  return isoDay(Math.floor(nowMs / DAY_MS));
}

/** The calendar day `n` days after `day` ("2026-03-30" and 3 give "2026-04-02"); before it when `n` is negative. */
export function addDays(day: string, n: number): string {
  return isoDay(dayOf(day) + n);
}

/** Whole days from `from` to `to`: negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return dayOf(to) - dayOf(from);
}

/** The first instant after the day ends, as an ISO timestamp. */
export function endOfDayIso(day: number): string {
  return new Date((day + 1) * DAY_MS).toISOString();
}

/** Monday of the day's week. */
export function weekStart(day: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return day - ((day + 3) % 7);
}

/** "24 March", with the year when it is not `referenceDay`'s year. */
export function longDate(day: number, referenceDay?: number): string {
  const d = new Date(day * DAY_MS);
  const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  const sameYear = referenceDay === undefined || new Date(referenceDay * DAY_MS).getUTCFullYear() === d.getUTCFullYear();
  return sameYear ? base : `${base} ${d.getUTCFullYear()}`;
}

/** "3 days", "2 weeks": days under a fortnight, weeks (rounded) from then on. */
export function spanWords(days: number): string {
  const n = Math.abs(days);
  if (n < 14) return `${n} day${n === 1 ? '' : 's'}`;
  const weeks = Math.round(n / 7);
  return `${weeks} weeks`;
}

/**
 * Milliseconds of an ISO timestamp in the one shape Ordo stores (`2026-03-02T09:00:00.000Z`),
 * read digit by digit: charts measure tens of thousands of them, and Date.parse is the slow part.
 * Anything else falls back to Date.parse.
 */
export function isoMs(s: string): number {
  if (s.length !== 24 || s.charCodeAt(10) !== 84 || s.charCodeAt(23) !== 90) return Date.parse(s);
  const n = (from: number, len: number) => {
    let v = 0;
    for (let i = from; i < from + len; i++) v = v * 10 + s.charCodeAt(i) - 48;
    return v;
  };
  const days = daysFromCivil(n(0, 4), n(5, 2), n(8, 2));
  return days * DAY_MS + ((n(11, 2) * 60 + n(14, 2)) * 60 + n(17, 2)) * 1000 + n(20, 3);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
