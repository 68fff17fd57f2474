import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, parseDay, todayIso, weekStart, dayOf, isoDay } from '../../src/domain/dates.js';

/** Calendar-day arithmetic shared by the server and the web app (sprint dates, chart axes, report windows). */
describe('calendar days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-03-30', 3)).toBe('2026-04-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // A two-week sprint starting on a Monday ends on the second Sunday.
    expect(addDays('2026-03-02', 14 - 1)).toBe('2026-03-15');
  });

  it('counts whole days between two dates, negative when the end comes first, whatever the time of day', () => {
    expect(daysBetween('2026-03-02', '2026-03-16')).toBe(14);
    expect(daysBetween('2026-03-16', '2026-03-02')).toBe(-14);
    expect(daysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(daysBetween('2026-03-02T23:59:00.000Z', '2026-03-03T00:01:00.000Z')).toBe(1);
  });

  it('names today in UTC, as the server counts days', () => {
    expect(todayIso(Date.parse('2026-03-02T23:30:00.000Z'))).toBe('2026-03-02');
    expect(todayIso(Date.parse('2026-03-03T00:00:00.000Z'))).toBe('2026-03-03');
  });

  it('finds the Monday of a week and refuses dates that do not exist', () => {
    expect(isoDay(weekStart(dayOf('2026-03-08')))).toBe('2026-03-02');
    expect(isoDay(weekStart(dayOf('2026-03-02')))).toBe('2026-03-02');
    expect(parseDay('2026-02-31')).toBeNull();
    expect(parseDay('2026-02-28')).toBe(dayOf('2026-02-28'));
  });
});
