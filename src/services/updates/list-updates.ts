import type { TStatusUpdate, TStatusUpdatePage, TUpdateListQuery } from '../../contract/updates.js';
import type { Conn, ProductRow } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { openDraft, presentUpdate, updateQuery } from './present-update.js';

/**
 * A product's published updates, newest first (the cursor is the offset of the next page), with
 * the open draft for those who may publish; readers never see a draft.
 */
export async function listUpdates(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  query: TUpdateListQuery,
): Promise<TStatusUpdatePage> {
  const { product, role } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const offset = Number(query.cursor ?? 0);
  const [rows, draft] = await Promise.all([
    updateQuery(ctx.db)
      .where('u.product_id', '=', product.id)
      .where('u.state', '=', 'published')
      .orderBy('u.published_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(query.limit + 1)
      .offset(offset)
      .execute(),
    can(role, 'update.publish') ? openDraft(ctx.db, product.id) : undefined,
  ]);
  return {
    items: rows.slice(0, query.limit).map(presentUpdate),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
    draft: draft ? presentUpdate(draft) : null,
  };
}

/** One published update of the product. */
export async function getUpdate(ctx: ServiceContext, actor: Actor, productKey: string, id: number): Promise<TStatusUpdate> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  return presentUpdate(await requirePublished(ctx.db, product, id));
}

/** A published update of this product; a draft, or another product's update, is not found. */
export async function requirePublished(db: Conn, product: ProductRow, id: number) {
  const row = await updateQuery(db)
    .where('u.id', '=', id)
    .where('u.product_id', '=', product.id)
    .where('u.state', '=', 'published')
    .executeTakeFirst();
  if (!row) throw notFound(`Status update ${id}`);
  return row;
}
