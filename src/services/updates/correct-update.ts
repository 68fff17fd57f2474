import type { TCorrectRequest, TStatusUpdate } from '../../contract/updates.js';
import type { Health } from '../../domain/status-update.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { stale } from './edit-update.js';
import { presentUpdate, updateQuery } from './present-update.js';
import { requirePublished } from './list-updates.js';

/**
 * Corrects a published update: the text or health change, the note says why, and the activity log
 * keeps what it said before. Nothing else changes a published update.
 */
export async function correctUpdate(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  id: number,
  input: TCorrectRequest,
): Promise<TStatusUpdate> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'update.publish');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const update = await requirePublished(tx.db, product, id);
    if (update.version !== input.version) throw stale(update);
    const now = tx.clock.now().toISOString();
    const body = input.body ?? update.body;
    const health = input.health ?? (update.health as Health);
    await tx.db
      .updateTable('status_updates')
      .set({
        body,
        health,
        corrected_at: now,
        corrected_by: actor.userId,
        correction_note: input.note,
        updated_at: now,
        version: update.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'status_update',
      entityId: id,
      action: 'corrected',
      before: { body: update.body, health: update.health as Health },
      after: { body, health, note: input.note },
    });
    return presentUpdate(await updateQuery(tx.db).where('u.id', '=', id).executeTakeFirstOrThrow());
  });
}
