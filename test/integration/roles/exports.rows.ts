import type { Harness } from '../../support/harness.js';
import { ok, type Row, type World } from './walk.js';

/** Exports and webhooks. Webhooks point at a public address that is never called: the walk runs no outbox worker. */
export function rows(h: Harness): Row[] {
  const hook = (w: World) =>
    ok<{ id: number }>(h, w.owner, {
      method: 'POST',
      url: `/api/products/${w.key}/webhooks`,
      payload: { url: 'https://93.184.215.14/ordo', events: ['item.created'] },
    });
  /** a webhook with one delivery in its log */
  const delivered = async (w: World) => {
    const { id } = await hook(w);
    await w.item();
    const log = await ok<{ items: { id: number }[] }>(h, w.owner, { method: 'GET', url: `/api/webhooks/${id}/deliveries` });
    return { id, deliveryId: log.items[0]!.id };
  };
  return [
    {
      method: 'GET',
      route: '/api/products/:key/export',
      actions: ['product.export'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/export?format=csv` }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/webhooks',
      actions: ['webhook.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/webhooks` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/webhooks',
      actions: ['webhook.manage'],
      prepare: async (w) => ({
        url: `/api/products/${w.key}/webhooks`,
        payload: { url: 'https://93.184.215.14/walk', events: ['item.*'] },
      }),
    },
    {
      method: 'DELETE',
      route: '/api/products/:key/webhooks/:id',
      actions: ['webhook.manage'],
      prepare: async (w) => ({ method: 'DELETE', url: `/api/products/${w.key}/webhooks/${(await hook(w)).id}` }),
    },
    {
      method: 'GET',
      route: '/api/webhooks/:id/deliveries',
      actions: ['webhook.manage'],
      prepare: async (w) => ({ url: `/api/webhooks/${(await hook(w)).id}/deliveries` }),
    },
    {
      method: 'POST',
      route: '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
      actions: ['webhook.manage'],
      prepare: async (w) => {
        const { id, deliveryId } = await delivered(w);
        return { url: `/api/webhooks/${id}/deliveries/${deliveryId}/redeliver` };
      },
    },
  ];
}
