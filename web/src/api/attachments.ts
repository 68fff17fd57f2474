import { endpoints, pathOf, type TAttachment } from '@ordo/contract';
import { call, request, withQuery } from './client';

const { attachments } = endpoints;

export const attachmentsApi = {
  /** Sends the file itself as the body (streamed to disk by the server), named in the query. */
  upload: (itemKey: string, file: File | Blob, name: string) =>
    request<TAttachment>(attachments.upload.method, withQuery(pathOf(attachments.upload.path, { key: itemKey }), { name }), { body: file }),
  list: (itemKey: string) => call(attachments.list, { params: { key: itemKey } }),
};
