import { endpoints, type LinkKind } from '@ordo/contract';
import { call } from './client';

const { comments, criteria, links, history } = endpoints;

/** What surrounds an item: comments, acceptance criteria, links and history. */
export const itemPartsApi = {
  comments: (key: string, cursor?: string) => call(comments.list, { params: { key }, query: { cursor, limit: 200 } }),
  addComment: (key: string, body: string) => call(comments.create, { params: { key }, body: { body } }),
  editComment: (id: number, body: string) => call(comments.update, { params: { id }, body: { body } }),
  deleteComment: (id: number) => call(comments.delete, { params: { id } }),

  addCriterion: (key: string, text: string) => call(criteria.create, { params: { key }, body: { text } }),
  updateCriterion: (id: number, change: { text?: string; accepted?: boolean; position?: number }) =>
    call(criteria.update, { params: { id }, body: change }),
  deleteCriterion: (id: number) => call(criteria.delete, { params: { id } }),

  addLink: (key: string, kind: LinkKind, otherKey: string) => call(links.create, { params: { key }, body: { kind, key: otherKey } }),
  deleteLink: (key: string, kind: LinkKind, otherKey: string) => call(links.delete, { params: { key, kind, otherKey } }),

  history: (key: string, cursor?: string, limit = 50) => call(history.item, { params: { key }, query: { cursor, limit } }),
};
