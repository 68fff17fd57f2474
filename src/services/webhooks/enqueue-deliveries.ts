import type { TActivity } from '../../contract/activity.js';
import { activityQuery, presentActivity } from '../activity.js';
import type { TxContext } from '../context.js';
import { enqueueJobs } from '../outbox.js';

/** The events of one transaction, per product: event numbers `from` to `to`. */
export type EventRanges = Map<number, { from: number; to: number }>;

/** The outbox job that attempts one delivery. */
export interface WebhookJob {
  deliveryId: number;
}

/** Whether a webhook listing `events` wants an activity of `entity`.`action`. */
export function wantsEvent(events: readonly string[], entity: string, action: string): boolean {
  return events.includes(`${entity}.${action}`) || events.includes(`${entity}.*`);
}

/** The JSON body a delivery sends, fixed when the event happens so a redelivery sends it again unchanged. */
export function deliveryBody(activity: TActivity): string {
  return JSON.stringify({
    event: `${activity.entityType}.${activity.action}`,
    /** the same for every delivery of this event, redeliveries included: a receiver can drop repeats by it */
    eventId: `${activity.productKey}:${activity.id}`,
    product: activity.productKey,
    activity,
  });
}

/**
 * Called by mutate() before its commit: writes a delivery, and the outbox job that sends it, for
 * every active webhook of the products the transaction changed that wants one of its events. With
 * the change, so an event is delivered if and only if it committed; for a product without webhooks
 * this is one indexed query that finds nothing.
 */
export async function enqueueWebhookDeliveries(tx: TxContext, ranges: EventRanges): Promise<void> {
  if (!ranges.size) return;
  const hooks = await tx.db
    .selectFrom('webhooks')
    .select(['id', 'product_id', 'events'])
    .where('product_id', 'in', [...ranges.keys()])
    .where('active', '=', 1)
    .execute();
  if (!hooks.length) return;
  const now = tx.clock.now().toISOString();
  const jobs: { kind: string; payload: WebhookJob }[] = [];
  for (const [productId, range] of ranges) {
    const mine = hooks.filter((h) => h.product_id === productId).map((h) => ({ id: h.id, events: JSON.parse(h.events) as string[] }));
    if (!mine.length) continue;
    const rows = await activityQuery(tx.db)
      .where('activity.product_id', '=', productId)
      .where('activity.event_number', '>=', range.from)
      .where('activity.event_number', '<=', range.to)
      .orderBy('activity.event_number')
      .execute();
    const deliveries = rows
      .map(presentActivity)
      .flatMap((a) =>
        mine
          .filter((h) => wantsEvent(h.events, a.entityType, a.action))
          .map((h) => ({ webhook_id: h.id, event: `${a.entityType}.${a.action}`, payload: deliveryBody(a), created_at: now })),
      );
    for (let i = 0; i < deliveries.length; i += 500) {
      const ids = await tx.db
        .insertInto('webhook_deliveries')
        .values(deliveries.slice(i, i + 500))
        .returning('id')
        .execute();
      // In id order, so a receiver gets a product's events in the order they happened.
      for (const { id } of ids.sort((a, b) => a.id - b.id)) jobs.push({ kind: 'webhook', payload: { deliveryId: id } });
    }
  }
  await enqueueJobs(tx, jobs);
}
