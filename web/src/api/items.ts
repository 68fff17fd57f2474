import { endpoints, ITEM_SUMMARY_FIELDS, type RequestOf, type TItem, type TItemListQueryInput, type TItemSummary } from '@ordo/contract';
import { call } from './client';

const { items } = endpoints;

type ListFilter = 'type' | 'state' | 'stateCategory' | 'label' | 'assignee';

/** The backlog's filters as the list endpoint takes them, lists kept as arrays. */
export type ItemFilters = Pick<TItemListQueryInput, 'epic' | 'blocked' | 'q' | 'sort'> & {
  [K in ListFilter & keyof TItemListQueryInput]?: string[];
};

export const itemsApi = {
  /** A page of the backlog; `count` adds the total (worth asking for on the first page only). */
  list: (productKey: string, filters: ItemFilters, page: { cursor?: string; limit?: number; count?: boolean }, signal?: AbortSignal) =>
    call(
      items.list,
      {
        params: { key: productKey },
        query: { ...filters, cursor: page.cursor, limit: page.limit, count: page.count ? 'true' : undefined },
      },
      { signal },
    ),
  get: (key: string) => call(items.get, { params: { key } }),
  create: (productKey: string, body: RequestOf<typeof items.create>['body']) => call(items.create, { params: { key: productKey }, body }),
  update: (key: string, body: RequestOf<typeof items.update>['body']) => call(items.update, { params: { key }, body }),
  move: (key: string, body: RequestOf<typeof items.move>['body']) => call(items.move, { params: { key }, body }),
  bulk: (productKey: string, body: RequestOf<typeof items.bulk>['body']) => call(items.bulk, { params: { key: productKey }, body }),
};

/** The row fields of a full item, so a list never holds descriptions. */
export function summaryOf(i: TItem): TItemSummary {
  return Object.fromEntries(ITEM_SUMMARY_FIELDS.map((f) => [f, i[f]])) as TItemSummary;
}
