import type { Conn, WorkflowStateRow } from '../../db/schema.js';
import { AppError, invalid } from '../../domain/errors.js';
import { compiledQuery } from '../../db/compiled-query.js';

/** Compiled once per shape: every create and move reads its state (src/db/compiled-query.ts). */
const stateOf = compiledQuery((db, args: { productId: number; stateId?: number }, names) => {
  const q = db.selectFrom('workflow_states').selectAll().where('product_id', '=', args.productId);
  return names.includes('stateId') ? q.where('id', '=', args.stateId!) : q.orderBy('position').limit(1);
});

/**
 * A state of the product by id (400 naming stateId when it is not one), or its first state; from
 * `known`, the product's states already read in this transaction (TxContext.productStates), when given.
 */
export async function loadState(
  db: Conn,
  productId: number,
  stateId: number | undefined,
  known?: readonly WorkflowStateRow[],
): Promise<WorkflowStateRow> {
  const [state] = known
    ? stateId === undefined
      ? known // in position order (TxContext.productStates): the first is the product's first state
      : known.filter((s) => s.id === stateId)
    : await stateOf(db, stateId === undefined ? { productId } : { productId, stateId });
  if (!state) {
    if (stateId === undefined) throw new AppError('rule_violation', 'The product has no workflow states');
    throw invalid('stateId', `state ${stateId} is not a state of this product`);
  }
  return state;
}
