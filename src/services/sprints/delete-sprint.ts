import { AppError } from '../../domain/errors.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { setItemsSprint } from './plan-items.js';
import { requireChild } from '../access.js';

/** Deletes a sprint that has not started; its items go back to the backlog. */
export async function deleteSprint(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'sprint.manage');
  if (sprint.state !== 'planned')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is ${sprint.state}; only a planned sprint can be deleted`);
  await mutate(ctx, { productId: product.id }, async (tx) => {
    const items = await tx.db.selectFrom('items').select('id').where('sprint_id', '=', id).execute();
    await setItemsSprint(
      tx,
      actor,
      product.id,
      items.map((i) => i.id),
      id,
      null,
    );
    await tx.db.deleteFrom('sprints').where('id', '=', id).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: id,
      action: 'deleted',
      before: { name: sprint.name },
    });
  });
}
