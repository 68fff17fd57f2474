import type { Conn } from '../../db/schema.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentState } from './present-state.js';

/** A product's workflow states in board order, for whoever may read the product. */
export async function listStates(ctx: ServiceContext, actor: Actor, key: string) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'product.read');
  return statesOf(ctx.db, product.id);
}

/** A product's workflow states in board order. */
export async function statesOf(db: Conn, productId: number) {
  const rows = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId).orderBy('position').execute();
  return rows.map(presentState);
}
