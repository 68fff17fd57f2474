import type { Harness, TestUser } from '../../support/harness.js';
import { ok, unique, type Row, type World } from './walk.js';

/** Status updates: owners and leads draft, publish and correct; everyone with a role reads. */
export function rows(h: Harness): Row[] {
  const post = (user: TestUser, url: string, payload?: Record<string, unknown>) => ok(h, user, { method: 'POST', url, payload });
  /** a fresh product's open draft, so each role meets one at its current version */
  const draft = async (w: World) => {
    const key = await w.product();
    return { key, draft: await post(w.owner, `/api/products/${key}/updates/draft`) };
  };
  const published = async (w: World) => {
    const { key, draft: d } = await draft(w);
    return { key, update: await post(w.owner, `/api/products/${key}/updates/draft/publish`, { version: d.version, health: 'on_track' }) };
  };
  return [
    {
      method: 'POST',
      route: '/api/products/:key/updates/draft',
      actions: ['update.publish'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/updates/draft` }),
    },
    {
      method: 'PATCH',
      route: '/api/products/:key/updates/draft',
      actions: ['update.publish'],
      prepare: async (w) => {
        const { key, draft: d } = await draft(w);
        return { url: `/api/products/${key}/updates/draft`, payload: { body: unique('Update'), version: d.version } };
      },
    },
    {
      method: 'POST',
      route: '/api/products/:key/updates/draft/publish',
      actions: ['update.publish'],
      prepare: async (w) => {
        const { key, draft: d } = await draft(w);
        return { url: `/api/products/${key}/updates/draft/publish`, payload: { health: 'at_risk', version: d.version } };
      },
    },
    {
      method: 'GET',
      route: '/api/products/:key/updates',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/updates` }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/updates/:id',
      actions: ['product.read'],
      prepare: async (w) => {
        const { key, update } = await published(w);
        return { url: `/api/products/${key}/updates/${update.id}` };
      },
    },
    {
      method: 'POST',
      route: '/api/products/:key/updates/:id/correction',
      actions: ['update.publish'],
      prepare: async (w) => {
        const { key, update } = await published(w);
        return { url: `/api/products/${key}/updates/${update.id}/correction`, payload: { note: unique('Fix'), version: update.version } };
      },
    },
  ];
}
