import { notFound } from '../../domain/errors.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { setItemsSprint } from './plan-items.js';
import { requireSprint } from './require-sprint.js';

/** Takes one item out of a sprint, back to the backlog. */
export async function removeSprintItem(ctx: ServiceContext, actor: Actor, id: number, key: string): Promise<void> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  const item = await ctx.db
    .selectFrom('items')
    .select(['id', 'sprint_id'])
    .where('key', '=', key)
    .where('product_id', '=', product.id)
    .executeTakeFirst();
  if (!item || item.sprint_id !== id) throw notFound(`${key} in sprint ${sprint.name}`);
  await mutate(ctx, (tx) => setItemsSprint(tx, actor, product.id, [item.id], id, null));
}
