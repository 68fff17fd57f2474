import type { Conn } from '../../db/schema.js';
import type { StateInfo } from '../../domain/flow.js';
import type { StateCategory } from '../../domain/workflow.js';

/** A product's workflow states in board order, as the flow charts name them. */
export async function productStates(db: Conn, productId: number): Promise<StateInfo[]> {
  const rows = await db
    .selectFrom('workflow_states')
    .select(['id', 'name', 'category'])
    .where('product_id', '=', productId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category as StateCategory }));
}
