import type { Conn } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import type { Actor } from '../context.js';

/** A webhook the actor may manage: 404 when it or its product is out of their sight, 403 without the right. */
export async function requireWebhook(db: Conn, actor: Actor, id: number, productKey?: string) {
  const webhook = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!webhook) throw notFound(`Webhook ${id}`);
  const { product } = await requireProduct(db, actor, { id: webhook.product_id }, 'webhook.manage');
  if (productKey !== undefined && product.key !== productKey) throw notFound(`Webhook ${id}`);
  return { webhook, product };
}
