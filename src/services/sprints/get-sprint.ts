import type { TSprintDetail } from '../../contract/sprints.js';
import type { Actor, ServiceContext } from '../context.js';
import { burndown } from './burndown.js';
import { presentSprint } from './present-sprint.js';
import { progressOf, scopeItems } from './scope-items.js';
import { readSprintRecord } from './sprint-record.js';
import { requireChild } from '../access.js';

/**
 * A sprint with its scope, progress and burndown; a closed one with its record, and its progress
 * measured against what it held at the close (its unfinished items have moved on since).
 */
export async function getSprint(ctx: ServiceContext, actor: Actor, id: number): Promise<TSprintDetail> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'product.read');
  const [scope, record, chart] = await Promise.all([
    scopeItems(ctx.db, { sprintId: id }),
    readSprintRecord(ctx.db, sprint),
    burndown(ctx, sprint),
  ]);
  const progress = record
    ? {
        items: { done: record.done.items, total: record.done.items + record.movedOn.items },
        points: { done: record.done.points, total: record.done.points + record.movedOn.points },
        unestimated: record.unestimated,
      }
    : progressOf(scope);
  return { ...presentSprint(sprint, product.key), progress, scope, burndown: chart, record };
}
