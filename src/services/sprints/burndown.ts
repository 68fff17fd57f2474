import type { SprintRow } from '../../db/schema.js';
import type { TSprintDetail } from '../../contract/sprints.js';
import { dayOf } from '../../domain/dates.js';
import { dayEnds, scopeChanges, scopeSeries } from '../../domain/flow.js';
import { nowIso, type ServiceContext } from '../context.js';
import { closeInstant, sprintReplay } from './sprint-record.js';

/**
 * Remaining work at the end of each day of the sprint, replayed from the activity log so items
 * added or removed after the start show as scope changes rather than silently moving the line.
 * A closed sprint's last day ends where its close began moving unfinished work out, as its record does.
 */
export async function burndown(ctx: ServiceContext, sprint: SprintRow): Promise<TSprintDetail['burndown']> {
  const empty = { dates: [], remainingItems: [], remainingPoints: [], scopeItems: [], scopePoints: [], scopeChanges: [] };
  if (sprint.state === 'planned' || !sprint.started_at) return empty;
  const now = nowIso(ctx);
  const closed = await closeInstant(ctx.db, sprint);
  const fromDay = dayOf(sprint.start_date ?? sprint.started_at);
  const lastDay = closed ? dayOf(closed) : Math.min(dayOf(now), Math.max(dayOf(sprint.end_date ?? now), dayOf(now)));
  const { work, rules } = await sprintReplay(ctx.db, sprint);
  const { dates, instants } = dayEnds(fromDay, Math.max(fromDay, lastDay), closed);
  const series = scopeSeries(work, instants, rules, dates);
  const until = closed ? new Date(Date.parse(closed) - 1).toISOString() : now;
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
