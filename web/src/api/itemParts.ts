import type { TCommentPage, TActivityPage, TLink, LinkKind } from '../../../src/contract/item-parts';
import type { TComment, TCriterion } from '../../../src/contract/items';
import { api } from './client';

const item = (key: string) => `/api/items/${encodeURIComponent(key)}`;

/** What surrounds an item: comments, acceptance criteria, links and history. */
export const itemPartsApi = {
  comments: (key: string, cursor?: string) => api.get<TCommentPage>(`${item(key)}/comments`, { cursor, limit: 200 }),
  addComment: (key: string, body: string) => api.post<TComment>(`${item(key)}/comments`, { body }),
  editComment: (id: number, body: string) => api.patch<TComment>(`/api/comments/${id}`, { body }),
  deleteComment: (id: number) => api.delete(`/api/comments/${id}`),

  addCriterion: (key: string, text: string) => api.post<TCriterion>(`${item(key)}/criteria`, { text }),
  updateCriterion: (id: number, change: { text?: string; accepted?: boolean; position?: number }) =>
    api.patch<TCriterion>(`/api/criteria/${id}`, change),
  deleteCriterion: (id: number) => api.delete(`/api/criteria/${id}`),

  addLink: (key: string, kind: LinkKind, otherKey: string) => api.post<TLink>(`${item(key)}/links`, { kind, key: otherKey }),
  deleteLink: (key: string, kind: LinkKind, otherKey: string) => api.delete(`${item(key)}/links/${kind}/${encodeURIComponent(otherKey)}`),

  history: (key: string, cursor?: string, limit = 50) => api.get<TActivityPage>(`${item(key)}/history`, { cursor, limit }),
};
