import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZNumberCursor, page } from './common.js';
import { ZNotification } from './notifications.js';
import { ZQuestion } from './questions.js';
import { ZRequest } from './requests.js';

const section = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number() });

/**
 * What waits for the signed-in person across their products: questions asked to them (or to the
 * owners of products they own), oldest first; new requests on products they triage, oldest first;
 * unread mentions, newest first.
 */
export const ZInbox = z.object({
  questions: section(ZQuestion),
  requests: section(ZRequest),
  mentions: section(ZNotification),
  /** everything waiting: the sidebar's count */
  total: z.number(),
});
export type TInbox = z.infer<typeof ZInbox>;

export const ZInboxQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(25) });
export const ZInboxPageQuery = z.strictObject({
  cursor: ZNumberCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TInboxPageQuery = z.infer<typeof ZInboxPageQuery>;
export const ZInboxQuestionPage = page(ZQuestion).extend({ total: z.number() });
export const ZInboxRequestPage = page(ZRequest).extend({ total: z.number() });

export const inboxEndpoints = {
  get: endpoint({
    method: 'GET',
    path: '/api/inbox',
    tag: 'inbox',
    summary: 'What waits for you across your products: questions to answer, requests to triage, unread mentions; with counts',
    query: ZInboxQuery,
    response: ZInbox,
  }),
  questions: endpoint({
    method: 'GET',
    path: '/api/inbox/questions',
    tag: 'inbox',
    summary: 'Every question waiting for your answer across your products, the longest waiting first',
    query: ZInboxPageQuery,
    response: ZInboxQuestionPage,
  }),
  requests: endpoint({
    method: 'GET',
    path: '/api/inbox/requests',
    tag: 'inbox',
    summary: 'Every new request on the products you triage, the oldest first',
    query: ZInboxPageQuery,
    response: ZInboxRequestPage,
  }),
};
