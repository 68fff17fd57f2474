import type { TActivityPage } from '../contract/item-parts.js';
import { requireItem, requireProduct } from './access.js';
import { activityQuery, presentActivity } from './activity.js';
import type { Actor, ServiceContext } from './context.js';

type Seek = { cursor?: string; limit: number };

function pageOf(rows: Parameters<typeof presentActivity>[0][], limit: number): TActivityPage {
  const items = rows.slice(0, limit).map(presentActivity);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
}

/**
 * An item's history, newest first: its own changes and those of its comments, criteria and links.
 * A deleted item keeps its history readable. The cursor is the event number of the last row read.
 */
export async function findItemHistory(ctx: ServiceContext, actor: Actor, input: Seek & { key: string }): Promise<TActivityPage> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'product.read', { includeDeleted: true });
  let q = activityQuery(ctx.db).where('activity.item_id', '=', item.id);
  if (input.cursor) q = q.where('activity.event_number', '<', Number(input.cursor));
  const rows = await q
    .orderBy('activity.event_number', 'desc')
    .limit(input.limit + 1)
    .execute();
  return pageOf(rows, input.limit);
}

/** A product's audit trail, newest first, optionally only some entity types (item, comment, …). */
export async function findProductActivity(
  ctx: ServiceContext,
  actor: Actor,
  input: Seek & { key: string; entityType?: string[] },
): Promise<TActivityPage> {
  const { product } = await requireProduct(ctx.db, actor, { key: input.key }, 'product.read');
  let q = activityQuery(ctx.db).where('activity.product_id', '=', product.id);
  if (input.entityType?.length) q = q.where('activity.entity_type', 'in', input.entityType);
  if (input.cursor) q = q.where('activity.event_number', '<', Number(input.cursor));
  const rows = await q
    .orderBy('activity.event_number', 'desc')
    .limit(input.limit + 1)
    .execute();
  return pageOf(rows, input.limit);
}
