import type { Conn } from '../../db/schema.js';
import type { Role } from '../../domain/roles.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';

/** A product's members with their roles, by name, for whoever may read the product. */
export async function listMembers(ctx: ServiceContext, actor: Actor, key: string) {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'product.read');
  return membersOf(ctx.db, product.id);
}

/** A product's members with their roles, by name. */
export async function membersOf(db: Conn, productId: number) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email', 'memberships.role'])
    .where('memberships.product_id', '=', productId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, role: r.role as Role }));
}
