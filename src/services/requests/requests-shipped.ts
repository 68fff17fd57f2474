import type { Actor, TxContext } from '../context.js';
import { clip } from '../mentions.js';
import { tellRequesterAndVoters } from './triage-request.js';

/**
 * Items that just moved into a done state: the requests linked to them have shipped. Their
 * requesters and voters are told, once per request (an item reopened and done again tells nobody twice).
 */
export async function requestsShipped(
  tx: TxContext,
  input: { productId: number; productKey: string; actor: Actor; items: Array<{ id: number; key: string; title: string }> },
): Promise<void> {
  if (input.items.length === 0) return;
  const requests = await tx.db
    .selectFrom('requests')
    .select(['id', 'title', 'item_id'])
    .where(
      'item_id',
      'in',
      input.items.map((i) => i.id),
    )
    .where('state', '=', 'linked')
    .where('shipped_at', 'is', null)
    .execute();
  if (requests.length === 0) return;
  const now = tx.clock.now().toISOString();
  await tx.db
    .updateTable('requests')
    .set({ shipped_at: now })
    .where(
      'id',
      'in',
      requests.map((r) => r.id),
    )
    .execute();
  const itemOf = new Map(input.items.map((i) => [i.id, i]));
  for (const r of requests) {
    const item = itemOf.get(r.item_id!)!;
    await tellRequesterAndVoters(tx, {
      requestIds: [r.id],
      productId: input.productId,
      actor: input.actor,
      title: `Done: ${item.key} ${clip(item.title, 80)}, which your request “${clip(r.title, 80)}” asked for`,
      link: `/p/${input.productKey}/items/${item.key}`,
      entity: { type: 'request', id: r.id },
    });
  }
}
