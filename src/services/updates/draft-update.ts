import type { TStatusUpdate } from '../../contract/updates.js';
import { isUniqueViolation } from '../../db/errors.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { openDraft, presentUpdate } from './present-update.js';
import { writeDraft } from './write-draft.js';

/**
 * Opens the product's draft status update: the open one when there is one (a product has at most
 * one, so two owners land in the same draft), or a new one written from the data since the
 * previous publication.
 */
export async function draftUpdate(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TStatusUpdate> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'update.publish');
  const existing = await openDraft(ctx.db, product.id);
  if (existing) return presentUpdate(existing);
  const previous = await ctx.db
    .selectFrom('status_updates')
    .select('published_at')
    .where('product_id', '=', product.id)
    .where('state', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const since = previous?.published_at ?? product.created_at;
  const draft = await writeDraft(ctx, product, since);
  try {
    return await mutate(ctx, { productId: product.id }, async (tx) => {
      const now = tx.clock.now().toISOString();
      const row = await tx.db
        .insertInto('status_updates')
        .values({
          product_id: product.id,
          state: 'draft',
          body: draft.body,
          health: null,
          suggested_health: draft.suggestion.health,
          suggested_reason: draft.suggestion.reason,
          since,
          author_id: actor.userId,
          created_at: now,
          updated_at: now,
          published_at: null,
          published_by: null,
          corrected_at: null,
          corrected_by: null,
          correction_note: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.record({
        productId: product.id,
        actorId: actor.userId,
        entityType: 'status_update',
        entityId: row.id,
        action: 'drafted',
        after: { since, suggestedHealth: draft.suggestion.health },
      });
      return presentUpdate((await openDraft(tx.db, product.id))!);
    });
  } catch (e) {
    // Someone opened the draft while this one was being written: theirs is the draft.
    if (!isUniqueViolation(e)) throw e;
    return presentUpdate((await openDraft(ctx.db, product.id))!);
  }
}
