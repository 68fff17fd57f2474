import type { Conn, WorkflowStateRow } from '../../db/schema.js';
import { refuseDuplicate } from '../../db/errors.js';
import { invalid } from '../../domain/errors.js';
import type { StateCategory } from '../../domain/workflow.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { presentState } from './present-state.js';

/** Adds a workflow state at a position (the end by default), shifting those after it. */
export async function createState(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { name: string; category: StateCategory; wipLimit?: number | null; entryRules?: string[]; position?: number },
) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'workflow.manage');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const states = await tx.db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).orderBy('position').execute();
    if (states.some((s) => s.name.toLowerCase() === input.name.toLowerCase())) throw stateNameTaken(input.name);
    const position = Math.min(input.position ?? states.length, states.length);
    await shiftPositions(tx.db, states, position, 1);
    const row = await refuseDuplicate(
      tx.db
        .insertInto('workflow_states')
        .values({
          product_id: product.id,
          name: input.name,
          category: input.category,
          position,
          wip_limit: input.wipLimit ?? null,
          entry_rules: JSON.stringify(input.entryRules ?? []),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
      () => stateNameTaken(input.name),
    );
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'state',
      entityId: row.id,
      action: 'created',
      after: presentState(row),
    });
    return presentState(row);
  });
}

/** Moves every state at or after `from` by `by` places. */
export async function shiftPositions(db: Conn, states: WorkflowStateRow[], from: number, by: number) {
  for (const s of states) {
    if (s.position >= from)
      await db
        .updateTable('workflow_states')
        .set({ position: s.position + by })
        .where('id', '=', s.id)
        .execute();
  }
}

/** 400 naming the field: a product's states have distinct names, whatever their case. */
export const stateNameTaken = (name: string) => invalid('name', `a state named ${name} exists`);
