import type { Role } from '../../domain/roles.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentProduct } from './present-product.js';

/**
 * The products the actor is a member of (every product for an admin), by name. A product `ordo
 * demo` is still building shows only to its members (src/cli/demo-builds.ts).
 */
export async function listProducts(ctx: ServiceContext, actor: Actor, opts: { includeArchived?: boolean } = {}) {
  let q = ctx.db
    .selectFrom('products')
    .leftJoin('memberships', (j) => j.onRef('memberships.product_id', '=', 'products.id').on('memberships.user_id', '=', actor.userId))
    .selectAll('products')
    .select('memberships.role')
    .orderBy('products.name');
  if (!actor.isAdmin) q = q.where('memberships.role', 'is not', null);
  else q = q.where((eb) => eb.or([eb('products.building_since', 'is', null), eb('memberships.role', 'is not', null)]));
  if (!opts.includeArchived) q = q.where('products.archived_at', 'is', null);
  const rows = await q.execute();
  return rows.map(({ role, ...p }) => presentProduct(p, actor.isAdmin ? 'admin' : (role as Role)));
}
