import type { Conn } from '../../db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.js';
import type { ProductRole } from '../../domain/roles.js';
import { requireProduct } from '../access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';

/** Adds someone to a product or changes their role; only an admin or a lead grants or changes the lead role. */
export async function setMember(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { email?: string; userId?: number; role: ProductRole },
) {
  const { product, role: actorRole } = await requireProduct(ctx.db, actor, { key }, 'member.manage');
  if (input.role === 'lead' && actorRole !== 'admin' && actorRole !== 'lead')
    throw forbidden('Only an admin or a lead can grant the lead role');
  let q = ctx.db.selectFrom('users').select(['id', 'name', 'email']).where('disabled_at', 'is', null);
  if (input.userId !== undefined) q = q.where('id', '=', input.userId);
  else if (input.email) q = q.where('email', '=', input.email.trim().toLowerCase());
  else throw invalid('email', 'give email or userId');
  const user = await q.executeTakeFirst();
  if (!user)
    throw notFound(
      input.email
        ? `No one signs in as ${input.email} yet; an admin adds people under People (or with ordo user add)`
        : `User ${input.userId}`,
    );
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const existing = await tx.db
      .selectFrom('memberships')
      .select('role')
      .where('product_id', '=', product.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (existing?.role === 'lead' && actorRole !== 'admin' && actorRole !== 'lead')
      throw forbidden('Only an admin or a lead can change a lead');
    if (existing?.role === 'owner' && input.role !== 'owner') await ensureAnotherOwner(tx.db, product.id, user.id);
    if (existing) {
      await tx.db
        .updateTable('memberships')
        .set({ role: input.role })
        .where('product_id', '=', product.id)
        .where('user_id', '=', user.id)
        .execute();
    } else {
      await tx.db
        .insertInto('memberships')
        .values({ product_id: product.id, user_id: user.id, role: input.role, created_at: nowIso(tx) })
        .execute();
    }
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'member',
      entityId: user.id,
      after: { role: input.role, name: user.name },
      ...(existing
        ? ({ action: 'role_changed', before: { role: existing.role as ProductRole } } as const)
        : ({ action: 'added' } as const)),
    });
    return { userId: user.id, name: user.name, email: user.email, role: input.role };
  });
}

/** A product keeps at least one owner or lead: refuses to let the last one go. */
export async function ensureAnotherOwner(db: Conn, productId: number, leavingUserId: number) {
  const others = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('product_id', '=', productId)
    .where('role', 'in', ['owner', 'lead'])
    .where('user_id', '!=', leavingUserId)
    .executeTakeFirst();
  if (!others) throw new AppError('rule_violation', 'A product needs at least one owner or lead');
}
