import { requireProduct } from '../access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { presentProduct } from './present-product.js';

/** Archives a product (out of lists, still readable) or brings it back. */
export async function setProductArchived(ctx: ServiceContext, actor: Actor, key: string, archived: boolean) {
  const { product, role } = await requireProduct(ctx.db, actor, { key }, 'product.archive');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const row = await tx.db
      .updateTable('products')
      .set({ archived_at: archived ? nowIso(tx) : null, version: product.version + 1, updated_at: nowIso(tx) })
      .where('id', '=', product.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'product',
      entityId: product.id,
      action: archived ? 'archived' : 'restored',
    });
    return presentProduct(row, role);
  });
}
