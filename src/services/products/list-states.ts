import type { Conn } from '../../db/schema.js';
import { presentState } from './present-state.js';

/** A product's workflow states in board order. */
export async function listStates(db: Conn, productId: number) {
  const rows = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId).orderBy('position').execute();
  return rows.map(presentState);
}
