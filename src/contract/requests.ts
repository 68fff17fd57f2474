import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZIdParams, ZItemKey, ZItemParams, ZNumberCursor, ZProductParams, ZUserRef, page } from './common.js';
import { ZItemRef } from './questions.js';

export const REQUEST_IMPACTS = ['low', 'medium', 'high', 'critical'] as const;
export type RequestImpact = (typeof REQUEST_IMPACTS)[number];
export const REQUEST_STATES = ['new', 'linked', 'merged', 'declined'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const TRIAGE_ACTIONS = ['link', 'create', 'merge', 'decline'] as const;

const noNul = (s: string) => !s.includes('\u0000');
const line = (max: number, empty: string) => z.string().trim().min(1, empty).max(max).refine(noNul, 'must not contain NUL characters');

export const ZRequest = z.object({
  id: z.number(),
  productKey: z.string(),
  title: z.string(),
  description: z.string(),
  /** the customer or segment it was submitted for */
  customer: z.string(),
  /** every customer who wants it ("+ customer"), the first included */
  customers: z.array(z.string()),
  impact: z.enum(REQUEST_IMPACTS),
  link: z.string().nullable(),
  requester: ZUserRef,
  state: z.enum(REQUEST_STATES),
  /** the item it is linked to (state linked) */
  item: ZItemRef.nullable(),
  /** the request it was merged into (state merged) */
  mergedInto: z.object({ id: z.number(), title: z.string() }).nullable(),
  declineReason: z.string().nullable(),
  triagedBy: ZUserRef.nullable(),
  triagedAt: z.string().nullable(),
  votes: z.number(),
  /** whether the caller has voted for it */
  voted: z.boolean(),
  createdAt: z.string(),
});
export type TRequest = z.infer<typeof ZRequest>;

export const ZCreateRequestRequest = z.strictObject({
  title: line(300, 'must not be empty: say what is asked for in a line'),
  description: z.string().max(20_000).refine(noNul, 'must not contain NUL characters').default(''),
  customer: line(200, 'must not be empty: name the customer or segment that asks'),
  impact: z.enum(REQUEST_IMPACTS),
  link: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/\S+$/, 'must be a web address starting with http:// or https://')
    .optional(),
});
export type TCreateRequestRequest = z.input<typeof ZCreateRequestRequest>;

export const ZRequestListQuery = z.strictObject({
  state: z.enum(REQUEST_STATES).default('new'),
  /** oldest first (the untriaged view), newest first, or most votes first */
  sort: z.enum(['oldest', 'newest', 'votes']).default('oldest'),
  q: z.string().max(200).optional(),
  cursor: ZNumberCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TRequestListQuery = z.infer<typeof ZRequestListQuery>;
/** `total`: how many requests of the state there are. */
export const ZRequestPage = page(ZRequest).extend({ total: z.number() });
export type TRequestPage = z.infer<typeof ZRequestPage>;

export const ZAddCustomerRequest = z.strictObject({ customer: line(200, 'must not be empty: name the customer or segment') });

export const ZTriageRequest = z
  .strictObject({
    action: z.enum(TRIAGE_ACTIONS),
    /** link: the item of the product it asks for */
    itemKey: ZItemKey.optional(),
    /** merge: the request it duplicates */
    requestId: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1)
      .optional(),
    /** decline: why, in words the requester reads */
    reason: z.string().trim().max(2000).refine(noNul, 'must not contain NUL characters').optional(),
  })
  .superRefine((t, ctx) => {
    if (t.action === 'link' && !t.itemKey)
      ctx.addIssue({ code: 'custom', path: ['itemKey'], message: 'name the item to link the request to' });
    if (t.action === 'merge' && !t.requestId)
      ctx.addIssue({ code: 'custom', path: ['requestId'], message: 'name the request to merge this one into' });
    if (t.action === 'decline' && !t.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the request is declined; the requester and voters read it' });
  });
export type TTriageRequest = z.infer<typeof ZTriageRequest>;

/** The requests linked to an item, with their votes and customers added up (distinct people and customers). */
export const ZItemRequests = z.object({
  items: z.array(ZRequest),
  nextCursor: z.null(),
  votes: z.number(),
  customers: z.array(z.string()),
});
export type TItemRequests = z.infer<typeof ZItemRequests>;

export const requestsEndpoints = {
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/requests',
    tag: 'requests',
    summary: 'Submit a request for a customer or segment (stakeholders, or the owner on a customer’s behalf); the submitter’s vote counts',
    params: ZProductParams,
    body: ZCreateRequestRequest,
    response: ZRequest,
    status: 201,
    errors: [403, 404],
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/requests',
    tag: 'requests',
    summary: "The product's requests of a state (new: the untriaged view), oldest first, newest first or by votes",
    params: ZProductParams,
    query: ZRequestListQuery,
    response: ZRequestPage,
    errors: [404],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/requests/{id}',
    tag: 'requests',
    summary: 'One request',
    params: ZIdParams,
    response: ZRequest,
    errors: [404],
  }),
  vote: endpoint({
    method: 'POST',
    path: '/api/requests/{id}/votes',
    tag: 'requests',
    summary: 'Vote for a request (once; 409 if you already have)',
    params: ZIdParams,
    response: ZRequest,
    status: 201,
    errors: [403, 404, 409],
  }),
  unvote: endpoint({
    method: 'DELETE',
    path: '/api/requests/{id}/votes',
    tag: 'requests',
    summary: 'Withdraw your vote (409 if you have not voted)',
    params: ZIdParams,
    response: ZRequest,
    errors: [403, 404, 409],
  }),
  addCustomer: endpoint({
    method: 'POST',
    path: '/api/requests/{id}/customers',
    tag: 'requests',
    summary: '"+ customer": another customer or segment wants it (409 if it is already named)',
    params: ZIdParams,
    body: ZAddCustomerRequest,
    response: ZRequest,
    status: 201,
    errors: [403, 404, 409],
  }),
  triage: endpoint({
    method: 'POST',
    path: '/api/requests/{id}/triage',
    tag: 'requests',
    summary:
      'Triage a new request (owners): link it to an item of the product, create an item from it, merge it into another request, or decline it with a reason; the requester and voters are told',
    params: ZIdParams,
    body: ZTriageRequest,
    response: ZRequest,
    errors: [403, 404, 409, 422],
  }),
  onItem: endpoint({
    method: 'GET',
    path: '/api/items/{key}/requests',
    tag: 'requests',
    summary: 'The requests linked to an item, with the distinct voters and customers added up',
    params: ZItemParams,
    response: ZItemRequests,
    errors: [404],
  }),
};
