import type { TAging, TReportQuery } from '../../contract/reports.js';
import { agingWip, cycleTimeScatter, flowPercentiles } from '../../domain/flow.js';
import type { Actor, ServiceContext } from '../context.js';
import { finishedItems } from './finished-items.js';
import { productStates } from './product-states.js';
import { filterItems, reportScope } from './report-scope.js';

/** Work in progress by how long it has been going, against the cycle-time percentiles of the range. */
export async function agingReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TAging> {
  const scope = await reportScope(ctx, actor, key, query);
  const states = (await productStates(ctx.db, scope.productId)).filter((s) => s.category === 'in_progress');
  const stateIds = states.map((s) => s.id);
  const [wip, finished] = await Promise.all([
    stateIds.length === 0
      ? Promise.resolve([])
      : filterItems(
          ctx.db
            .selectFrom('items')
            .select([
              'items.key',
              'items.title',
              'items.type',
              'items.state_id',
              'items.started_at',
              'items.state_entered_at',
              'items.blocked',
            ])
            .where('items.state_id', 'in', stateIds),
          scope,
          { byState: true },
        ).execute(),
    finishedItems(ctx.db, ctx.dialect, scope),
  ]);
  const cycle = cycleTimeScatter(finished, scope.fromDay);
  const nowIso = ctx.clock.now().toISOString();
  const items = wip.map((r) => ({
    key: r.key,
    title: r.title,
    type: r.type,
    stateId: r.state_id,
    startedAt: r.started_at ?? r.state_entered_at,
    blocked: !!r.blocked,
  }));
  return {
    asOf: nowIso,
    states: states.map((s) => ({ id: s.id, name: s.name })),
    ...agingWip(items, nowIso, flowPercentiles(cycle.cycleDays)),
  };
}
