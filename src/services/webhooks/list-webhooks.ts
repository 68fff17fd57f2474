import type { TWebhook } from '../../contract/webhooks.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentWebhook } from './present-webhook.js';

export async function listWebhooks(ctx: ServiceContext, actor: Actor, key: string): Promise<TWebhook[]> {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'webhook.manage');
  const hooks = await ctx.db.selectFrom('webhooks').selectAll().where('product_id', '=', product.id).orderBy('id').execute();
  return Promise.all(
    hooks.map(async (w) => {
      const last = await ctx.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'created_at'])
        .where('webhook_id', '=', w.id)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return presentWebhook(w, last);
    }),
  );
}
