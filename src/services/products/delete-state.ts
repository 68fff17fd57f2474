import { changeItems } from '../items/change-items.js';
import { itemsChanged } from '../items/item-changes.js';
import { stateEntryColumns } from '../items/item-columns.js';
import { AppError, notFound } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { shiftPositions } from './create-state.js';
import { presentState } from './present-state.js';

/** Removes a workflow state; the items in it move to `moveTo`, which is required while it holds any. */
export async function deleteState(ctx: ServiceContext, actor: Actor, key: string, stateId: number, moveTo?: number) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    const state = states.find((s) => s.id === stateId);
    if (!state) throw notFound(`State ${stateId}`);
    if (states.length <= 1) throw new AppError('rule_violation', 'A workflow needs at least one state');
    // Trashed items too: they keep a state, and may be restored.
    const held = await tx.db
      .selectFrom('items')
      .select(['id', 'key', 'title', 'started_at', 'done_at', 'deleted_at'])
      .where('state_id', '=', stateId)
      .execute();
    if (held.length > 0) {
      const target = states.find((s) => s.id === moveTo);
      if (!target || target.id === stateId)
        throw new AppError('rule_violation', `${state.name} holds ${held.length} items; give moveTo, the state to move them to`, {
          fields: [{ path: 'moveTo', message: 'is required while the state holds items' }],
        });
      // Moved as a move would: they enter the target now (started, done), and history says so.
      const at = tx.clock.now().toISOString();
      await changeItems(tx, {
        productId: product.id,
        actorId: actor.userId,
        version: 'bump',
        changes: held.map((item) => ({
          id: item.id,
          set: { state_id: target.id, ...stateEntryColumns(item, target, at) },
          action: 'moved',
          before: { stateId: state.id, state: state.name },
          after: { stateId: target.id, state: target.name },
        })),
      });
      if (target.category === 'done' && state.category !== 'done')
        await itemsChanged(tx, {
          productId: product.id,
          productKey: product.key,
          actor,
          changes: held.filter((i) => !i.deleted_at).map((i) => ({ id: i.id, key: i.key, title: i.title, enteredDone: true })),
        });
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
