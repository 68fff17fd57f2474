import { endpoints, pathOf, type RequestOf } from '@ordo/contract';
import { call, withQuery } from './client';

const { webhooks, exports } = endpoints;

export type TCreateWebhook = RequestOf<typeof webhooks.create>['body'];

export const webhooksApi = {
  list: (key: string) => call(webhooks.list, { params: { key } }),
  create: (key: string, body: TCreateWebhook) => call(webhooks.create, { params: { key }, body }),
  remove: (key: string, id: number) => call(webhooks.delete, { params: { key, id } }),
  deliveries: (id: number) => call(webhooks.deliveries, { params: { id }, query: { limit: 50 } }),
  redeliver: (id: number, deliveryId: number) => call(webhooks.redeliver, { params: { id, deliveryId } }),
};

/** Where the browser downloads a product's export: a plain link, so the file streams to disk. */
export const exportUrl = (key: string, format: 'json' | 'csv') => withQuery(pathOf(exports.download.path, { key }), { format });
