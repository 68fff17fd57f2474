import type { Conn } from '../../db/schema.js';
import type { Role } from '../../domain/roles.js';

/** A product's members with their roles, by name. */
export async function listMembers(db: Conn, productId: number) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email', 'memberships.role'])
    .where('memberships.product_id', '=', productId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, role: r.role as Role }));
}
