import { sql } from 'kysely';
import type { Conn } from '../../db/schema.js';
import type { TReportQuery, TThroughput } from '../../contract/reports.js';
import { dayOf, endOfDayIso, isoDay, DAY_MS } from '../../domain/dates.js';
import { weeklyThroughput } from '../../domain/flow.js';
import type { Actor, ServiceContext } from '../context.js';
import { filterItems, reportScope, type ReportScope } from './report-scope.js';

/** Items finished per week in the range. */
export async function throughputReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TThroughput> {
  const scope = await reportScope(ctx, actor, key, query);
  const perDay = await doneCountsPerDay(ctx.db, scope);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), ...weeklyThroughput(perDay, scope.fromDay, scope.toDay) };
}

async function doneCountsPerDay(db: Conn, scope: ReportScope) {
  const day = sql<string>`substr(items.done_at, 1, 10)`;
  const rows = await filterItems(
    db
      .selectFrom('items')
      .select([day.as('day')])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('items.done_at', '>=', new Date(scope.fromDay * DAY_MS).toISOString())
      .where('items.done_at', '<', endOfDayIso(scope.toDay))
      .groupBy(day),
    scope,
  ).execute();
  return rows.map((r) => ({ day: dayOf(r.day), count: Number(r.n) }));
}
