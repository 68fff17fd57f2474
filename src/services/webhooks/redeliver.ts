import type { TWebhookDelivery } from '../../contract/webhooks.js';
import { notFound } from '../../domain/errors.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { enqueueJob } from '../outbox.js';
import type { WebhookJob } from './enqueue-deliveries.js';
import { presentDelivery } from './present-webhook.js';
import { requireWebhook } from './require-webhook.js';

/**
 * Sends a delivery again, now: a new delivery with the same body (a receiver that already has it
 * recognises its `eventId`). Asking for it means the receiver is believed fixed, so a webhook
 * that was turned off after failing is turned back on.
 */
export async function redeliver(ctx: ServiceContext, actor: Actor, id: number, deliveryId: number): Promise<TWebhookDelivery> {
  const { webhook } = await requireWebhook(ctx.db, actor, id);
  const original = await ctx.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhook.id)
    .executeTakeFirst();
  if (!original) throw notFound(`Delivery ${deliveryId} of webhook ${id}`);
  return mutate(ctx, async (tx) => {
    if (!webhook.active)
      await tx.db
        .updateTable('webhooks')
        .set({ active: 1, failure_count: 0, disabled_at: null, disabled_reason: null })
        .where('id', '=', webhook.id)
        .execute();
    const row = await tx.db
      .insertInto('webhook_deliveries')
      .values({
        webhook_id: webhook.id,
        event: original.event,
        payload: original.payload,
        redelivery_of: original.id,
        created_at: nowIso(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueJob(tx, { kind: 'webhook', payload: { deliveryId: row.id } satisfies WebhookJob });
    return presentDelivery(row);
  });
}
