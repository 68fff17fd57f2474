import type { Actor, TxContext } from '../context.js';
import { notify } from '../notifications/notify.js';
import { requestsShipped } from '../requests/requests-shipped.js';

/** One item as a change left it, with what the consequences depend on. */
export interface ItemChange {
  id: number;
  key: string;
  title: string;
  /** present when the change set the assignee: who it is now (null: nobody) */
  assigneeId?: number | null;
  /** true when the change moved the item into a done-category state */
  enteredDone?: boolean;
}

/**
 * What follows from items changing, in the change's own transaction: the one place every item
 * change (create, edit, move, bulk) reports to. An item assigned to someone tells them; an item
 * done tells the requesters and voters of the requests linked to it.
 */
export async function itemsChanged(
  tx: TxContext,
  input: { productId: number; productKey: string; actor: Actor; changes: ItemChange[] },
): Promise<void> {
  await notifyAssignees(tx, input);
  await requestsShipped(tx, { ...input, items: input.changes.filter((c) => c.enteredDone) });
}

async function notifyAssignees(tx: TxContext, input: { productId: number; productKey: string; actor: Actor; changes: ItemChange[] }) {
  const byAssignee = new Map<number, ItemChange[]>();
  for (const c of input.changes) {
    if (c.assigneeId == null || c.assigneeId === input.actor.userId) continue;
    byAssignee.set(c.assigneeId, [...(byAssignee.get(c.assigneeId) ?? []), c]);
  }
  for (const [assigneeId, items] of byAssignee) {
    const [first] = items;
    const one = items.length === 1;
    await notify(tx, {
      kind: 'assigned',
      recipientIds: [assigneeId],
      productId: input.productId,
      actorId: input.actor.userId,
      title: one ? `${input.actor.name} assigned ${first!.key} to you` : `${input.actor.name} assigned ${items.length} items to you`,
      body: items
        .slice(0, 20)
        .map((i) => `${i.key} ${i.title}`)
        .join('\n'),
      link: one ? `/p/${input.productKey}/items/${first!.key}` : `/p/${input.productKey}/backlog?assignee=${assigneeId}`,
      entity: one ? { type: 'item', id: first!.id } : undefined,
    });
  }
}
