import type { TActivityOf } from '../../contract/activity.js';
import { AppError, invalid } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { presentProduct } from './present-product.js';

function checkVersion(current: number, expected: number | undefined, what: string, body: unknown) {
  if (expected === undefined) throw invalid('version', 'is required (send If-Match or "version")');
  if (expected !== current) throw new AppError('conflict', `${what} was changed by someone else`, { current: body });
}

/** Renames a product or changes its vision; with a version, a stale one is a 409. */
export async function updateProduct(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { name?: string; vision?: string; version?: number },
) {
  const { product, role } = await requireProduct(ctx.db, actor, { key }, 'product.update');
  if (input.version !== undefined) checkVersion(product.version, input.version, `Product ${key}`, presentProduct(product, role));
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const changes: TActivityOf<'product', 'updated'>['after'] = {};
    const before: TActivityOf<'product', 'updated'>['before'] = {};
    for (const f of ['name', 'vision'] as const) {
      if (input[f] !== undefined && input[f] !== product[f]) {
        changes[f] = input[f];
        before[f] = product[f];
      }
    }
    const row = await tx.db
      .updateTable('products')
      .set((eb) => ({ ...changes, updated_at: nowIso(tx), version: eb('version', '+', 1) }))
      .where('id', '=', product.id)
      .$if(input.version !== undefined, (q) => q.where('version', '=', input.version!))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', `Product ${key} was changed by someone else`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'product',
      entityId: product.id,
      action: 'updated',
      before,
      after: changes,
    });
    return presentProduct(row, role);
  });
}
