import type { Harness } from '../../support/harness.js';
import type { Row } from './walk.js';

/** A job is its starter's (and admins'): not about one product. */
export const unscoped = ['GET /api/imports/:id'];

const board = {
  name: 'Walked board',
  lists: [{ id: 'l1', name: 'To do', closed: false, pos: 1 }],
  cards: [{ id: 'c1', name: 'A card', idList: 'l1', pos: 1, closed: false }],
  actions: [],
  checklists: [],
};

/** Importing into an existing (empty) product replaces its workflow: the owner's call. */
export function rows(_h: Harness): Row[] {
  return [
    {
      method: 'POST',
      route: '/api/products/:key/imports',
      variant: 'a dry run into an empty product',
      actions: ['workflow.manage'],
      prepare: async (w) => ({ url: `/api/products/${await w.product()}/imports?format=trello&dryRun=true`, payload: board }),
    },
  ];
}
