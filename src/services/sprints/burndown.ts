import type { SprintRow } from '../../db/schema.js';
import type { TSprintDetail } from '../../contract/sprints.js';
import { dayOf } from '../../domain/dates.js';
import { dayEnds, scopeChanges, scopeSeries, valueAt, type ScopeRules } from '../../domain/flow.js';
import { nowIso, type ServiceContext } from '../context.js';
import { itemsEverWith, loadHistories } from '../reports/item-histories.js';
import { productStates } from '../reports/product-states.js';

/**
 * Remaining work at the end of each day of the sprint, replayed from the activity log so items
 * added or removed after the start show as scope changes rather than silently moving the line.
 */
export async function burndown(ctx: ServiceContext, sprint: SprintRow): Promise<TSprintDetail['burndown']> {
  const empty = { dates: [], remainingItems: [], remainingPoints: [], scopeItems: [], scopePoints: [], scopeChanges: [] };
  if (sprint.state === 'planned' || !sprint.started_at) return empty;
  const now = nowIso(ctx);
  const fromDay = dayOf(sprint.start_date ?? sprint.started_at);
  const lastDay = sprint.closed_at ? dayOf(sprint.closed_at) : Math.min(dayOf(now), Math.max(dayOf(sprint.end_date ?? now), dayOf(now)));
  const current = await ctx.db.selectFrom('items').select('id').where('sprint_id', '=', sprint.id).where('type', '!=', 'epic').execute();
  const touched = await itemsEverWith(ctx.db, sprint.product_id, 'sprintId', sprint.id, sprint.created_at);
  const histories = await loadHistories(ctx.db, [...new Set([...current.map((r) => r.id), ...touched])]);
  const work = histories.filter((h) => h.type !== 'epic');
  const doneStates = new Set((await productStates(ctx.db, sprint.product_id)).filter((s) => s.category === 'done').map((s) => s.id));
  const rules: ScopeRules = {
    inScope: (h, at) => valueAt(h, 'sprintId', at) === sprint.id,
    isDone: (h, at) => doneStates.has(valueAt(h, 'stateId', at) ?? -1),
  };
  const { dates, instants } = dayEnds(fromDay, Math.max(fromDay, lastDay), sprint.closed_at);
  const series = scopeSeries(work, instants, rules, dates);
  const until = sprint.closed_at ? new Date(Date.parse(sprint.closed_at) - 1).toISOString() : now;
  const changes = scopeChanges(work, sprint.started_at, until, rules);
  return {
    dates: series.dates,
    remainingItems: series.scopeItems.map((n, i) => n - series.doneItems[i]),
    remainingPoints: series.scopePoints.map((n, i) => n - series.donePoints[i]),
    scopeItems: series.scopeItems,
    scopePoints: series.scopePoints,
    scopeChanges: changes.map((c) => ({ ...c, date: c.at.slice(0, 10) })),
  };
}
