import { sql, type SelectQueryBuilder } from 'kysely';
import { isoMs, DAY_MS } from '../domain/dates.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

/** A finished item's number, type, days from start to done, and the day it was done (days since 1970). */
export interface CycleTimeRow {
  number: number;
  type: string;
  cycleDays: number;
  doneDay: number;
}

/**
 * Measures the finished items a query selects, oldest finish first, reading only what the
 * covering index holds. SQLite measures them itself, so only numbers cross into JavaScript;
 * PostgreSQL sends text either way, which a digit-by-digit reader measures faster than a cast.
 */
export async function readCycleTimes(dialect: Dialect, items: SelectQueryBuilder<Database, 'items', object>): Promise<CycleTimeRow[]> {
  if (dialect === 'sqlite') {
    const rows = await items
      .select([
        'items.number',
        'items.type',
        sql<number>`julianday(items.done_at) - julianday(items.started_at)`.as('cycle_days'),
        sql<number>`cast(julianday(substr(items.done_at, 1, 10)) - 2440587.5 as integer)`.as('done_day'),
      ])
      .orderBy('items.done_at')
      .execute();
    return rows.map((r) => ({ number: r.number, type: r.type, cycleDays: r.cycle_days, doneDay: r.done_day }));
  }
  const rows = await items.select(['items.number', 'items.type', 'items.started_at', 'items.done_at']).orderBy('items.done_at').execute();
  return rows.map((r) => {
    const done = isoMs(r.done_at!);
    return { number: r.number, type: r.type, cycleDays: (done - isoMs(r.started_at!)) / DAY_MS, doneDay: Math.floor(done / DAY_MS) };
  });
}
