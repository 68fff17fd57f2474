import type { Conn } from '../../db/schema.js';
import type { TVelocity } from '../../contract/sprints.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';

/** Points and items finished per closed sprint, oldest first. */
export async function getVelocity(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TVelocity> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const rows = await closedSprints(ctx.db, product.id);
  const sprints = rows.map((s) => ({
    id: s.id,
    name: s.name,
    startDate: s.start_date,
    endDate: s.end_date,
    closedAt: s.closed_at!,
    points: s.completed_points ?? 0,
    items: s.completed_items ?? 0,
  }));
  const recent = sprints.slice(-3);
  const average = recent.length
    ? { points: recent.reduce((a, s) => a + s.points, 0) / recent.length, items: recent.reduce((a, s) => a + s.items, 0) / recent.length }
    : null;
  return { productKey: product.key, sprints, average };
}

/** A product's closed sprints, in the order they closed. */
export async function closedSprints(db: Conn, productId: number) {
  return db
    .selectFrom('sprints')
    .selectAll()
    .where('product_id', '=', productId)
    .where('state', '=', 'closed')
    .orderBy('closed_at')
    .execute();
}
