import type { TPublishRequest, TStatusUpdate } from '../../contract/updates.js';
import { invalid } from '../../domain/errors.js';
import { HEALTH_LABELS, type Health } from '../../domain/status-update.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { clip } from '../mentions.js';
import { notify } from '../notifications/notify.js';
import { saveDraft } from './edit-update.js';
import { presentUpdate, updateQuery } from './present-update.js';

/**
 * Publishes the product's draft with its last edits: it needs a body and a health. From then on
 * it changes only by a recorded correction. Everyone with a role on the product is told.
 */
export async function publishUpdate(ctx: ServiceContext, actor: Actor, productKey: string, input: TPublishRequest): Promise<TStatusUpdate> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'update.publish');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const draft = await saveDraft(tx, actor, product, input);
    if (!draft.body.trim()) throw invalid('body', 'must not be empty: write the update');
    if (!draft.health) throw invalid('health', 'choose on_track, at_risk or off_track before publishing');
    const now = tx.clock.now().toISOString();
    await tx.db
      .updateTable('status_updates')
      .set({ state: 'published', published_at: now, published_by: actor.userId, updated_at: now, version: draft.version + 1 })
      .where('id', '=', draft.id)
      .execute();
    const health = draft.health as Health;
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'status_update',
      entityId: draft.id,
      action: 'published',
      before: { state: 'draft' },
      after: { state: 'published', health },
    });
    const members = await tx.db.selectFrom('memberships').select('user_id').where('product_id', '=', product.id).execute();
    await notify(tx, {
      kind: 'status_update_published',
      recipientIds: members.map((m) => m.user_id),
      productId: product.id,
      actorId: actor.userId,
      title: `${actor.name} published a status update on ${product.name}: ${HEALTH_LABELS[health].toLowerCase()}`,
      body: clip(draft.body),
      link: `/p/${product.key}/updates/${draft.id}`,
      entity: { type: 'status_update', id: draft.id },
    });
    return presentUpdate(await updateQuery(tx.db).where('u.id', '=', draft.id).executeTakeFirstOrThrow());
  });
}
