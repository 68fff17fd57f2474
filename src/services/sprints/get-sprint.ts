import type { TSprintDetail } from '../../contract/sprints.js';
import type { Actor, ServiceContext } from '../context.js';
import { burndown } from './burndown.js';
import { presentSprint } from './present-sprint.js';
import { progressOf, scopeItems } from './scope-items.js';
import { requireChild } from '../access.js';

/** A sprint with its scope, progress and burndown. */
export async function getSprint(ctx: ServiceContext, actor: Actor, id: number): Promise<TSprintDetail> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'product.read');
  const scope = await scopeItems(ctx.db, { sprintId: id });
  return { ...presentSprint(sprint, product.key), progress: progressOf(scope), scope, burndown: await burndown(ctx, sprint) };
}
