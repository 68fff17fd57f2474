import type {
  TBulkRequest,
  TCreateItemRequest,
  TItem,
  TItemPage,
  TItemSummary,
  TMoveItemRequest,
  TUpdateItemRequest,
} from '../../../src/contract/items';
import { api } from './client';

/** The backlog's filters as the list endpoint takes them (comma-separated where several). */
export interface ItemFilters {
  type?: string[];
  state?: string[];
  label?: string[];
  assignee?: string[];
  epic?: string;
  blocked?: 'true';
  q?: string;
  sort?: 'wsjf';
}

export const itemsApi = {
  /** A page of the backlog; `count` adds the total (worth asking for on the first page only). */
  list: (productKey: string, filters: ItemFilters, page: { cursor?: string; limit?: number; count?: boolean }, signal?: AbortSignal) =>
    api.get<TItemPage>(`/api/products/${productKey}/items`, { ...filters, cursor: page.cursor, limit: page.limit, count: page.count ? 'true' : undefined }, signal),
  get: (key: string) => api.get<TItem>(`/api/items/${key}`),
  create: (productKey: string, input: TCreateItemRequest) => api.post<TItem>(`/api/products/${productKey}/items`, input),
  update: (key: string, input: TUpdateItemRequest) => api.patch<TItem>(`/api/items/${key}`, input),
  move: (key: string, input: TMoveItemRequest) => api.post<TItem>(`/api/items/${key}/move`, input),
  bulk: (productKey: string, input: TBulkRequest) => api.post<{ items: TItemSummary[] }>(`/api/products/${productKey}/items/bulk`, input),
};

/** The row fields of a full item, so a list never holds descriptions. */
export function summaryOf(i: TItem): TItemSummary {
  return {
    key: i.key,
    number: i.number,
    type: i.type,
    title: i.title,
    stateId: i.stateId,
    stateCategory: i.stateCategory,
    rank: i.rank,
    estimate: i.estimate,
    wsjf: i.wsjf,
    rice: i.rice,
    labels: i.labels,
    assignee: i.assignee,
    parentKey: i.parentKey,
    sprintId: i.sprintId,
    releaseId: i.releaseId,
    blocked: i.blocked,
    blockedReason: i.blockedReason,
    blockedSince: i.blockedSince,
    stateEnteredAt: i.stateEnteredAt,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    doneAt: i.doneAt,
    version: i.version,
  };
}
