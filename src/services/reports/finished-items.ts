import { sql, type SelectQueryBuilder } from 'kysely';
import type { Conn, Database } from '../../db/schema.js';
import { endOfDayIso, isoMs, DAY_MS } from '../../domain/dates.js';
import type { FinishedItem } from '../../domain/flow.js';
import type { ServiceContext } from '../context.js';
import { filterItems, type ReportScope } from './report-scope.js';

/**
 * Items finished in the range, oldest first, read from the covering index (never the rows); a
 * year can hold 80,000. SQLite measures them itself, so only numbers cross into JavaScript;
 * PostgreSQL sends text either way, which a digit-by-digit reader measures faster than a cast.
 */
export async function finishedItems(db: Conn, dialect: ServiceContext['dialect'], scope: ReportScope): Promise<FinishedItem[]> {
  const finished = <QB extends SelectQueryBuilder<Database, 'items', object>>(q: QB) =>
    filterItems(
      q
        .where('items.done_at', '>=', new Date(scope.fromDay * DAY_MS).toISOString())
        .where('items.done_at', '<', endOfDayIso(scope.toDay))
        .where('items.started_at', 'is not', null),
      scope,
    );
  if (dialect === 'sqlite') {
    const rows = await finished(db.selectFrom('items'))
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
  const rows = await finished(db.selectFrom('items'))
    .select(['items.number', 'items.type', 'items.started_at', 'items.done_at'])
    .orderBy('items.done_at')
    .execute();
  return rows.map((r) => {
    const done = isoMs(r.done_at!);
    return { number: r.number, type: r.type, cycleDays: (done - isoMs(r.started_at!)) / DAY_MS, doneDay: Math.floor(done / DAY_MS) };
  });
}
