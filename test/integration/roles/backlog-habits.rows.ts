import type { Harness } from '../../support/harness.js';
import { ok, unique, type Row, type World } from './walk.js';

/** The bulk changes the backlog's selection bar added (issue 13): epic and labels, for the team. */
export function rows(h: Harness): Row[] {
  const bulk = (payload: (w: World) => Promise<Record<string, unknown>>) => async (w: World) => {
    const keys = [(await w.item()).key, (await w.item()).key];
    return { url: `/api/products/${w.key}/items/bulk`, payload: { keys, ...(await payload(w)) } };
  };
  const epic = async (w: World) =>
    ok<{ key: string }>(h, w.owner, {
      method: 'POST',
      url: `/api/products/${w.key}/items`,
      payload: { title: unique('Epic'), type: 'epic' },
    });
  return [
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'into an epic',
      actions: ['item.update'],
      prepare: bulk(async (w) => ({ parentKey: (await epic(w)).key })),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'labels added and taken off',
      actions: ['item.update'],
      prepare: bulk(async () => ({ addLabels: [unique('label').replace(' ', '-')], removeLabels: ['old'] })),
    },
  ];
}
