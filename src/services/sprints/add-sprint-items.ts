import type { TSprintDetail } from '../../contract/sprints.js';
import { AppError } from '../../domain/errors.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { getSprint } from './get-sprint.js';
import { itemIdsForKeys, setItemsField } from './plan-items.js';
import { requireChild } from '../access.js';

/** Plans items into a sprint (one transaction); an active sprint's additions show on its burndown. */
export async function addSprintItems(ctx: ServiceContext, actor: Actor, id: number, keys: string[]): Promise<TSprintDetail> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'sprint.manage');
  if (sprint.state === 'closed')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is closed; plan the items into another sprint`);
  const ids = await itemIdsForKeys(ctx.db, product.id, keys);
  await mutate(ctx, { productId: product.id }, (tx) => setItemsField(tx, actor, product.id, ids, 'sprint_id', 'sprintId', id));
  return getSprint(ctx, actor, id);
}
