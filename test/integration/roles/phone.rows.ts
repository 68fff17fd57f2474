import type { Harness } from '../../support/harness.js';
import { unique, type Row } from './walk.js';

/** Where a new item may land: a place in the backlog's order is ranking it (item.rank); a place in a board column is not. */
export function rows(_h: Harness): Row[] {
  return [
    {
      method: 'POST',
      route: '/api/products/:key/items',
      variant: 'at the top of the backlog',
      actions: ['item.create', 'item.rank'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/items`, payload: { title: unique('Item'), position: 'top' } }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items',
      variant: 'before another item in the backlog',
      actions: ['item.create', 'item.rank'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/items`, payload: { title: unique('Item'), before: (await w.item()).key } }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items',
      variant: 'at the top of a board column',
      actions: ['item.create'],
      prepare: async (w) => ({
        url: `/api/products/${w.key}/items`,
        payload: { title: unique('Item'), stateId: w.state('To do'), position: 'top' },
      }),
    },
  ];
}

/** Asking who is signed in is about nobody's product. */
export const unscoped = ['GET /api/auth/session'];
