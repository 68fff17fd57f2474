import type { Harness } from '../../support/harness.js';
import { ok, unique, type Row } from './walk.js';

/** Share links: only those who manage the product's sharing (owners, leads, admins) see or change them. */
export function rows(h: Harness): Row[] {
  return [
    {
      method: 'POST',
      route: '/api/products/:key/share-links',
      actions: ['share.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/share-links`, payload: { label: unique('Link') } }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/share-links',
      actions: ['share.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/share-links` }),
    },
    {
      method: 'DELETE',
      route: '/api/products/:key/share-links/:id',
      actions: ['share.manage'],
      prepare: async (w) => {
        const link = await ok(h, w.owner, {
          method: 'POST',
          url: `/api/products/${w.key}/share-links`,
          payload: { label: unique('Link') },
        });
        return { url: `/api/products/${w.key}/share-links/${link.id}` };
      },
    },
  ];
}
