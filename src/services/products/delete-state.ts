import { sql } from 'kysely';
import { AppError, notFound } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { shiftPositions } from './create-state.js';
import { presentState } from './present-state.js';

/** Removes a workflow state; the items in it move to `moveTo`, which is required while it holds any. */
export async function deleteState(ctx: ServiceContext, actor: Actor, key: string, stateId: number, moveTo?: number) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    const state = states.find((s) => s.id === stateId);
    if (!state) throw notFound(`State ${stateId}`);
    if (states.length <= 1) throw new AppError('rule_violation', 'A workflow needs at least one state');
    const count = await tx.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state_id', '=', stateId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) > 0) {
      const target = states.find((s) => s.id === moveTo);
      if (!target || target.id === stateId)
        throw new AppError('rule_violation', `${state.name} holds ${count.n} items; give moveTo, the state to move them to`, {
          fields: [{ path: 'moveTo', message: 'is required while the state holds items' }],
        });
      await tx.db
        .updateTable('items')
        .set({ state_id: target.id, version: sql`version + 1` as any })
        .where('state_id', '=', stateId)
        .execute();
    }
    await tx.db.deleteFrom('workflow_states').where('id', '=', stateId).execute();
    await shiftPositions(
      tx.db,
      states.filter((s) => s.position > state.position),
      state.position + 1,
      -1,
    );
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'state',
      entityId: stateId,
      action: 'deleted',
      before: presentState(state),
    });
  });
}
