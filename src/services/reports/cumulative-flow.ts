import { sql } from 'kysely';
import { jsonInteger } from '../../db/expressions.js';
import type { TCumulativeFlow, TReportQuery } from '../../contract/reports.js';
import { dayOf, endOfDayIso, isoDay, DAY_MS } from '../../domain/dates.js';
import { cumulativeFlow, type StateDelta } from '../../domain/flow.js';
import type { Actor, ServiceContext } from '../context.js';
import { productStates } from './product-states.js';
import { reportScope, type ReportScope } from './report-scope.js';

/**
 * Cumulative flow. The whole product reads the daily running totals the activity trigger keeps
 * (flow_daily, migration 005); one epic replays its children's activity, which the item index
 * makes a small read. Either way a deleted item leaves its state on the day it was deleted.
 */
export async function cumulativeFlowReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TCumulativeFlow> {
  const scope = await reportScope(ctx, actor, key, query);
  const deltas = scope.epicId === null ? await productFlow(ctx, scope) : await epicFlow(ctx, scope);
  const states = await productStates(ctx.db, scope.productId);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), ...cumulativeFlow(states, deltas, scope.fromDay, scope.toDay) };
}

async function productFlow(ctx: ServiceContext, scope: ReportScope): Promise<StateDelta[]> {
  // Days before the chart starts fall into one group: the counts it opens with.
  const day = sql<string>`case when day < ${isoDay(scope.fromDay)} then '' else day end`;
  const rows = await ctx.db
    .selectFrom('flow_daily')
    .select([day.as('day'), 'state_id'])
    .select((eb) => eb.fn.sum<number>('delta').as('n'))
    .where('product_id', '=', scope.productId)
    .where('day', '<=', isoDay(scope.toDay))
    .$call((q) => (scope.types ? q.where('item_type', 'in', scope.types) : q.where('item_type', '!=', 'epic')))
    // By position: PostgreSQL would not match the select's parameterised expression to a copy.
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ day: r.day === '' ? scope.fromDay - 1 : dayOf(r.day), stateId: r.state_id, delta: Number(r.n) }));
}

async function epicFlow(ctx: ServiceContext, scope: ReportScope): Promise<StateDelta[]> {
  const fromIso = new Date(scope.fromDay * DAY_MS).toISOString();
  const day = sql<string>`case when activity.created_at < ${fromIso} then '' else substr(activity.created_at, 1, 10) end`;
  const rows = await ctx.db
    .selectFrom('activity')
    .innerJoin('items', 'items.id', 'activity.item_id')
    .select([
      day.as('day'),
      'activity.action',
      jsonInteger(ctx.dialect, 'activity.before', 'stateId').as('from_state'),
      jsonInteger(ctx.dialect, 'activity.after', 'stateId').as('to_state'),
      'items.state_id',
    ])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('items.parent_id', '=', scope.epicId)
    .$call((q) => (scope.types ? q.where('items.type', 'in', scope.types) : q.where('items.type', '!=', 'epic')))
    .where('activity.entity_type', '=', 'item')
    .where((eb) =>
      eb.or([
        eb.and([eb('activity.action', 'in', ['created', 'moved', 'updated']), eb('activity.after', 'like', '%"stateId"%')]),
        eb('activity.action', 'in', ['deleted', 'restored']),
      ]),
    )
    .where('activity.created_at', '<', endOfDayIso(scope.toDay))
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`])
    .execute();
  const deltas: StateDelta[] = [];
  for (const r of rows) {
    const d = r.day === '' ? scope.fromDay - 1 : dayOf(r.day);
    const n = Number(r.n);
    if (r.action === 'deleted') deltas.push({ day: d, stateId: r.state_id, delta: -n });
    else if (r.action === 'restored') deltas.push({ day: d, stateId: r.state_id, delta: n });
    else {
      if (r.from_state !== null) deltas.push({ day: d, stateId: Number(r.from_state), delta: -n });
      if (r.to_state !== null) deltas.push({ day: d, stateId: Number(r.to_state), delta: n });
    }
  }
  return deltas;
}
