import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { createWebhook } from '../../services/webhooks/create-webhook.js';
import { deleteWebhook } from '../../services/webhooks/delete-webhook.js';
import { findDeliveries } from '../../services/webhooks/find-deliveries.js';
import { listWebhooks } from '../../services/webhooks/list-webhooks.js';
import { redeliver } from '../../services/webhooks/redeliver.js';
import { routes, type Route } from '../route.js';

export function webhookRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.webhooks, {
    list: async ({ actor, params }) => ({ items: await listWebhooks(ctx, actor, params.key), nextCursor: null }),
    create: ({ actor, params, body }) => createWebhook(ctx, actor, params.key, body),
    delete: ({ actor, params }) => deleteWebhook(ctx, actor, params.key, params.id),
    deliveries: ({ actor, params, query }) => findDeliveries(ctx, actor, params.id, query),
    redeliver: ({ actor, params }) => redeliver(ctx, actor, params.id, params.deliveryId),
  });
}
