import type { Conn, WorkflowStateRow } from '../../db/schema.js';
import { AppError, invalid } from '../../domain/errors.js';

/** A state of the product by id (400 naming stateId when it is not one), or its first state. */
export async function loadState(db: Conn, productId: number, stateId: number | undefined): Promise<WorkflowStateRow> {
  let q = db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId);
  q = stateId === undefined ? q.orderBy('position').limit(1) : q.where('id', '=', stateId);
  const state = await q.executeTakeFirst();
  if (!state) {
    if (stateId === undefined) throw new AppError('rule_violation', 'The product has no workflow states');
    throw invalid('stateId', `state ${stateId} is not a state of this product`);
  }
  return state;
}
