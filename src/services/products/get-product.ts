import { sql, type SqlBool } from 'kysely';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { membersOf } from './list-members.js';
import { statesOf } from './list-states.js';
import { presentProduct } from './present-product.js';

/** A product with what its screens need at hand: states, members, labels in use and epics. */
export async function getProduct(ctx: ServiceContext, actor: Actor, key: string) {
  const { product, role } = await requireProduct(ctx.db, actor, { key }, 'product.read');
  const [states, members, labels, epics] = await Promise.all([
    statesOf(ctx.db, product.id),
    membersOf(ctx.db, product.id),
    ctx.db.selectFrom('item_labels').select('label').distinct().where('product_id', '=', product.id).orderBy('label').execute(),
    ctx.db
      .selectFrom('items')
      .select(['key', 'title'])
      .where('product_id', '=', product.id)
      // Literals, so the planner can prove the partial index items_live_epics applies.
      .where(sql<SqlBool>`type = 'epic' AND deleted_at IS NULL`)
      .orderBy('rank')
      .execute(),
  ]);
  return { ...presentProduct(product, role), states, members, labels: labels.map((l) => l.label), epics };
}
