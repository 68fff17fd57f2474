import { notFound } from '../../domain/errors.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { setItemsSprint } from './plan-items.js';
import { requireChild } from '../access.js';

/** Takes one item out of a sprint, back to the backlog. */
export async function removeSprintItem(ctx: ServiceContext, actor: Actor, id: number, key: string): Promise<void> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'sprint.manage');
  const item = await ctx.db
    .selectFrom('items')
    .select(['id', 'sprint_id'])
    .where('key', '=', key)
    .where('product_id', '=', product.id)
    .executeTakeFirst();
  if (!item || item.sprint_id !== id) throw notFound(`${key} in sprint ${sprint.name}`);
  await mutate(ctx, { productId: product.id }, (tx) => setItemsSprint(tx, actor, product.id, [item.id], id, null));
}
