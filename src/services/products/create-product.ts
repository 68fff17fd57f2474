import type { Conn } from '../../db/schema.js';
import { refuseDuplicate } from '../../db/errors.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { DEFAULT_WORKFLOW } from '../../domain/workflow.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { presentProduct } from './present-product.js';

/** Admins and leads create products. */
export async function canCreateProducts(db: Conn, actor: Actor) {
  if (actor.isAdmin) return true;
  const lead = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('user_id', '=', actor.userId)
    .where('role', '=', 'lead')
    .executeTakeFirst();
  return !!lead;
}

/**
 * Creates a product with the default workflow; its creator becomes its owner. `building` (for
 * `ordo demo`, never from a request) hides it from non-members from its first commit on.
 */
export async function createProduct(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; name: string; vision?: string },
  opts: { building?: boolean } = {},
) {
  if (!(await canCreateProducts(ctx.db, actor))) throw forbidden('Only an admin or a lead can create products');
  const taken = await ctx.db.selectFrom('products').select('id').where('key', '=', input.key).executeTakeFirst();
  if (taken) throw keyTaken(input.key);
  return mutate(ctx, async (tx) => {
    const now = nowIso(tx);
    const product = await refuseDuplicate(
      tx.db
        .insertInto('products')
        .values({
          key: input.key,
          name: input.name,
          vision: input.vision ?? '',
          created_at: now,
          updated_at: now,
          building_since: opts.building ? now : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
      () => keyTaken(input.key),
    );
    await tx.db
      .insertInto('memberships')
      .values({ product_id: product.id, user_id: actor.userId, role: 'owner', created_at: now })
      .execute();
    await tx.db
      .insertInto('workflow_states')
      .values(
        DEFAULT_WORKFLOW.map((s, i) => ({
          product_id: product.id,
          name: s.name,
          category: s.category,
          position: i,
          wip_limit: s.wipLimit,
          entry_rules: JSON.stringify(s.entryRules),
        })),
      )
      .execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'product',
      entityId: product.id,
      action: 'created',
      after: { key: product.key, name: product.name },
    });
    const fresh = await tx.db.selectFrom('products').selectAll().where('id', '=', product.id).executeTakeFirstOrThrow();
    return presentProduct(fresh, actor.isAdmin ? 'admin' : 'owner');
  });
}

const keyTaken = (key: string) =>
  new AppError('conflict', `Product key ${key} is taken`, { fields: [{ path: 'key', message: 'is taken' }] });
