import { forbidden, notFound } from '../../domain/errors.js';
import type { ProductRole } from '../../domain/roles.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { ensureAnotherOwner } from './set-member.js';

/** Takes someone off a product; a lead is removed only by an admin or a lead. */
export async function removeMember(ctx: ServiceContext, actor: Actor, key: string, userId: number) {
  const { product, role: actorRole } = await requireProduct(ctx.db, actor, { key }, 'member.manage');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const existing = await tx.db
      .selectFrom('memberships')
      .select('role')
      .where('product_id', '=', product.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!existing) throw notFound('Member');
    if (existing.role === 'lead' && actorRole !== 'admin' && actorRole !== 'lead')
      throw forbidden('Only an admin or a lead can remove a lead');
    if (existing.role === 'owner' || existing.role === 'lead') await ensureAnotherOwner(tx.db, product.id, userId);
    await tx.db.deleteFrom('memberships').where('product_id', '=', product.id).where('user_id', '=', userId).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'member',
      entityId: userId,
      action: 'removed',
      before: { role: existing.role as ProductRole },
    });
  });
}
