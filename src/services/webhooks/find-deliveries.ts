import type { TWebhookDelivery } from '../../contract/webhooks.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentDelivery } from './present-webhook.js';
import { requireWebhook } from './require-webhook.js';

/** A webhook's deliveries, newest first; the cursor is the id below which the next page starts. */
export async function findDeliveries(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  query: { cursor?: string; limit: number },
): Promise<{ items: TWebhookDelivery[]; nextCursor: string | null }> {
  await requireWebhook(ctx.db, actor, id);
  const before = Number(query.cursor);
  const rows = await ctx.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', id)
    .$if(Number.isInteger(before) && before > 0, (q) => q.where('id', '<', before))
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(presentDelivery);
  return { items, nextCursor: rows.length > query.limit ? String(items[items.length - 1]!.id) : null };
}
