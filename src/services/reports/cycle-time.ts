import type { TCycleTime, TReportQuery } from '../../contract/reports.js';
import { isoDay } from '../../domain/dates.js';
import { cycleTimeScatter } from '../../domain/flow.js';
import type { Actor, ServiceContext } from '../context.js';
import { finishedItems } from './finished-items.js';
import { reportScope } from './report-scope.js';

/** Each item finished in the range with its cycle time, and the percentiles. */
export async function cycleTimeReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TCycleTime> {
  const scope = await reportScope(ctx, actor, key, query);
  const rows = await finishedItems(ctx.db, ctx.dialect, scope);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), productKey: key, ...cycleTimeScatter(rows, scope.fromDay) };
}
