import { mutate, type Actor, type ServiceContext } from '../context.js';
import { requireWebhook } from './require-webhook.js';

/** Removes a webhook with its log; its jobs still in the outbox find it gone and stop. */
export async function deleteWebhook(ctx: ServiceContext, actor: Actor, key: string, id: number): Promise<void> {
  const { webhook, product } = await requireWebhook(ctx.db, actor, id, key);
  await mutate(ctx, { productId: product.id }, async (tx) => {
    await tx.db.deleteFrom('webhook_deliveries').where('webhook_id', '=', webhook.id).execute();
    await tx.db.deleteFrom('webhooks').where('id', '=', webhook.id).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId || null,
      entityType: 'webhook',
      entityId: webhook.id,
      action: 'deleted',
      before: { host: new URL(webhook.url).host },
    });
  });
}
