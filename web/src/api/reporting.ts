import { endpoints, type TCreateShareLinkRequest, type TEditDraftRequest, type TPublishRequest } from '@ordo/contract';
import { call } from './client';

const { updates, shareLinks, portfolio } = endpoints;

/** Status updates: the drafted one, its edits, publication, the history. */
export const updatesApi = {
  list: (productKey: string, cursor?: string) => call(updates.list, { params: { key: productKey }, query: { cursor, limit: 20 } }),
  get: (productKey: string, id: number) => call(updates.get, { params: { key: productKey, id } }),
  draft: (productKey: string) => call(updates.draft, { params: { key: productKey } }),
  editDraft: (productKey: string, edit: TEditDraftRequest) => call(updates.editDraft, { params: { key: productKey }, body: edit }),
  publish: (productKey: string, publish: TPublishRequest) => call(updates.publish, { params: { key: productKey }, body: publish }),
};

/** A product's share links. */
export const shareLinksApi = {
  list: (productKey: string) => call(shareLinks.list, { params: { key: productKey } }),
  create: (productKey: string, link: Partial<TCreateShareLinkRequest> & { label: string }) =>
    call(shareLinks.create, { params: { key: productKey }, body: link }),
  revoke: (productKey: string, id: number) => call(shareLinks.revoke, { params: { key: productKey, id } }),
};

export const portfolioApi = {
  get: () => call(portfolio.get),
};
