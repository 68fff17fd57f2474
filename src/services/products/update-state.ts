import { AppError, notFound } from '../../domain/errors.js';
import type { StateCategory } from '../../domain/workflow.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { presentState } from './present-state.js';
import { stateNameTaken } from './create-state.js';
import { refuseDuplicate } from '../../db/errors.js';

/** Renames, re-categorises, moves or re-rules a workflow state. */
export async function updateState(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  stateId: number,
  input: { name?: string; category?: StateCategory; wipLimit?: number | null; entryRules?: string[]; position?: number; version?: number },
) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    const state = states.find((s) => s.id === stateId);
    if (!state) throw notFound(`State ${stateId}`);
    if (input.version !== undefined && input.version !== state.version)
      throw new AppError('conflict', `State ${state.name} was changed by someone else`, { current: presentState(state) });
    if (input.name && states.some((s) => s.id !== stateId && s.name.toLowerCase() === input.name!.toLowerCase()))
      throw stateNameTaken(input.name);
    if (input.position !== undefined && input.position !== state.position) {
      const order = states.filter((s) => s.id !== stateId);
      order.splice(Math.min(input.position, order.length), 0, state);
      for (const [i, s] of order.entries()) {
        if (s.position !== i) await tx.db.updateTable('workflow_states').set({ position: i }).where('id', '=', s.id).execute();
      }
    }
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.category !== undefined) changes.category = input.category;
    if (input.wipLimit !== undefined) changes.wip_limit = input.wipLimit;
    if (input.entryRules !== undefined) changes.entry_rules = JSON.stringify(input.entryRules);
    const row = await refuseDuplicate(
      tx.db
        .updateTable('workflow_states')
        .set({ ...changes, version: state.version + 1 })
        .where('id', '=', stateId)
        .returningAll()
        .executeTakeFirstOrThrow(),
      () => stateNameTaken(input.name!),
    );
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'state',
      entityId: stateId,
      action: 'updated',
      before: presentState(state),
      after: presentState(row),
    });
    return presentState(row);
  });
}
