import type { Conn, ProductRow } from '../db/schema.js';
import { notFound, forbidden } from '../domain/errors.js';
import { can, type Action } from '../domain/permissions.js';
import type { Role } from '../domain/roles.js';
import type { Actor } from './context.js';

export interface ProductAccess {
  product: ProductRow;
  role: Role;
}

/**
 * Loads a product the actor may take `action` on. Without any role the product does not exist
 * for them (404); with a role that does not allow the action, 403.
 */
export async function requireProduct(
  db: Conn,
  actor: Actor,
  where: { key: string } | { id: number },
  action: Action,
): Promise<ProductAccess> {
  let q = db
    .selectFrom('products')
    .leftJoin('memberships', (j) => j.onRef('memberships.product_id', '=', 'products.id').on('memberships.user_id', '=', actor.userId))
    .selectAll('products')
    .select('memberships.role');
  q = 'key' in where ? q.where('products.key', '=', where.key) : q.where('products.id', '=', where.id);
  const row = await q.executeTakeFirst();
  const role: Role | null = actor.isAdmin ? 'admin' : ((row?.role as Role | null) ?? null);
  if (!row || !role) throw notFound(`Product ${'key' in where ? where.key : where.id}`);
  if (!can(role, action)) throw forbidden(`A ${role} cannot ${describe(action)}`);
  const { role: _ignored, ...product } = row;
  return { product, role };
}

/** Loads an item by key together with the actor's access to its product. */
export async function requireItem(db: Conn, actor: Actor, key: string, action: Action, opts: { includeDeleted?: boolean } = {}) {
  const item = await db.selectFrom('items').selectAll().where('key', '=', key).executeTakeFirst();
  if (!item || (item.deleted_at && !opts.includeDeleted)) throw notFound(`Item ${key}`);
  const access = await requireProduct(db, actor, { id: item.product_id }, action).catch((e) => {
    // An item of a product one cannot see does not exist either.
    if (e?.code === 'not_found') throw notFound(`Item ${key}`);
    throw e;
  });
  return { item, ...access };
}

function describe(action: Action): string {
  const [noun, verb] = action.split('.');
  return `${verb} ${noun === 'item' ? 'items' : noun === 'product' ? 'this product' : noun + 's'}`;
}
