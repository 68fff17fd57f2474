import type { Harness } from '../../support/harness.js';
import { ok, type Row } from './walk.js';

/** Attachments: whoever may comment on an item may attach a file to it; whoever reads it may fetch them. */
export function rows(h: Harness): Row[] {
  return [
    {
      method: 'POST',
      route: '/api/items/:key/attachments',
      actions: ['comment.create'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/attachments?name=notes.json`, payload: { note: 'a file' } }),
    },
    {
      method: 'GET',
      route: '/api/items/:key/attachments',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/attachments` }),
    },
    {
      method: 'GET',
      route: '/api/attachments/:id/:name',
      actions: ['product.read'],
      prepare: async (w) => {
        const item = await w.item();
        const a = await ok<{ url: string }>(h, w.owner, {
          method: 'POST',
          url: `/api/items/${item.key}/attachments?name=notes.json`,
          payload: { note: 'a file' },
        });
        return { url: a.url };
      },
    },
  ];
}
