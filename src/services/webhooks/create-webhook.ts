import type { TWebhookCreated } from '../../contract/webhooks.js';
import { requireProduct } from '../access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { presentWebhook } from './present-webhook.js';
import { newWebhookSecret } from './sign.js';
import { checkWebhookUrl } from './url-policy.js';

/** Registers a webhook after checking where its URL leads; the answer carries the secret, once. */
export async function createWebhook(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: { url: string; events: string[] },
): Promise<TWebhookCreated> {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'webhook.manage');
  const target = await checkWebhookUrl(input.url);
  const events = [...new Set(input.events)].sort();
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const secret = newWebhookSecret();
    const row = await tx.db
      .insertInto('webhooks')
      .values({
        product_id: product.id,
        url: target.url.toString(),
        events: JSON.stringify(events),
        secret,
        created_by: actor.userId || null,
        created_at: nowIso(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId || null,
      entityType: 'webhook',
      entityId: row.id,
      action: 'created',
      after: { host: target.url.host, events },
    });
    return { ...presentWebhook(row, undefined), secret };
  });
}
