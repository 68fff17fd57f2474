import type { TCreateSprintRequest, TSprint } from '../../contract/sprints.js';
import { requireProduct } from '../access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { presentSprint } from './present-sprint.js';

/** Plans a new sprint; it starts when the owner starts it. */
export async function createSprint(ctx: ServiceContext, actor: Actor, productKey: string, input: TCreateSprintRequest): Promise<TSprint> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'sprint.manage');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const row = await tx.db
      .insertInto('sprints')
      .values({
        product_id: product.id,
        name: input.name,
        goal: input.goal ?? '',
        start_date: input.startDate ?? null,
        end_date: input.endDate ?? null,
        state: 'planned',
        created_at: nowIso(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: row.id,
      action: 'created',
      after: { name: row.name, goal: row.goal, startDate: row.start_date, endDate: row.end_date },
    });
    return presentSprint(row, product.key);
  });
}
