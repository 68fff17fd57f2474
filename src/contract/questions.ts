import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZIdParams, ZItemKey, ZItemParams, ZNumberCursor, ZProductParams, ZUserRef, page } from './common.js';
import { STATE_CATEGORIES } from '../domain/workflow.js';

/** Refuses NUL, which PostgreSQL cannot store, with the field's name. */
const text = (max: number, empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

export const ZItemRef = z.object({ key: z.string(), title: z.string(), stateCategory: z.enum(STATE_CATEGORIES) });
export type TItemRef = z.infer<typeof ZItemRef>;

export const ZQuestion = z.object({
  id: z.number(),
  productKey: z.string(),
  /** the item it is asked on; null for a question about the product */
  item: ZItemRef.nullable(),
  asker: ZUserRef,
  /** who should answer; null: the product's owners */
  addressee: ZUserRef.nullable(),
  body: z.string(),
  state: z.enum(['open', 'answered']),
  createdAt: z.string(),
  answer: z.object({ body: z.string(), by: ZUserRef.nullable(), at: z.string() }).nullable(),
  /** the decision the answer was recorded as */
  decisionId: z.number().nullable(),
});
export type TQuestion = z.infer<typeof ZQuestion>;

export const ZAskQuestionRequest = z.strictObject({
  body: text(10_000, 'must not be empty: write the question'),
  /** who should answer (an owner, or a developer or QA of the product); the product's owners when absent */
  addresseeId: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
});
export const ZAskProductQuestionRequest = ZAskQuestionRequest.extend({
  /** ask on this item of the product instead of on the product */
  itemKey: ZItemKey.optional(),
});
export type TAskQuestionRequest = z.infer<typeof ZAskProductQuestionRequest>;

export const ZAnswerRequest = z.strictObject({
  body: text(20_000, 'must not be empty: write the answer'),
  /** record the answer in the product's decision log */
  decision: z.boolean().optional(),
  /** with decision: the decision this one replaces (it stays in the log, marked superseded) */
  supersedes: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  /** with decision: more items it concerns, besides the question's own */
  itemKeys: z.array(ZItemKey).max(50).optional(),
});
export type TAnswerRequest = z.infer<typeof ZAnswerRequest>;

export const ZQuestionListQuery = z.strictObject({
  /** open: oldest first (the longest waiting at the top); answered: latest answer first */
  state: z.enum(['open', 'answered']).default('open'),
  cursor: ZNumberCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TQuestionListQuery = z.infer<typeof ZQuestionListQuery>;
/** `total`: how many questions of the state there are; `oldestOpenAt`: when the oldest open one was asked. */
export const ZQuestionPage = page(ZQuestion).extend({ total: z.number(), oldestOpenAt: z.string().nullable() });
export type TQuestionPage = z.infer<typeof ZQuestionPage>;
export const ZQuestionList = z.object({ items: z.array(ZQuestion), nextCursor: z.null() });

export const ZDecision = z.object({
  id: z.number(),
  productKey: z.string(),
  title: z.string(),
  body: z.string(),
  decidedBy: ZUserRef.nullable(),
  decidedAt: z.string(),
  /** the question it answered, when it came from one */
  question: z.object({ id: z.number(), body: z.string(), asker: ZUserRef }).nullable(),
  items: z.array(ZItemRef),
  supersedes: z.object({ id: z.number(), title: z.string(), decidedAt: z.string() }).nullable(),
  supersededBy: z.object({ id: z.number(), title: z.string(), decidedAt: z.string() }).nullable(),
});
export type TDecision = z.infer<typeof ZDecision>;

export const ZDecisionListQuery = z.strictObject({
  /** words to find in a decision's title, text or question */
  q: z.string().max(200).optional(),
  /** only decisions about this item */
  itemKey: ZItemKey.optional(),
  cursor: ZNumberCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TDecisionListQuery = z.infer<typeof ZDecisionListQuery>;
export const ZDecisionPage = page(ZDecision);

export const ZRecordDecisionRequest = z.strictObject({
  title: text(300, 'must not be empty: say what was decided in a line'),
  body: z
    .string()
    .max(20_000)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .default(''),
  itemKeys: z.array(ZItemKey).max(50).optional(),
  supersedes: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
});
export type TRecordDecisionRequest = z.infer<typeof ZRecordDecisionRequest>;

export const questionsEndpoints = {
  askOnItem: endpoint({
    method: 'POST',
    path: '/api/items/{key}/questions',
    tag: 'questions',
    summary: "Ask a question on an item, to the product's owners or to one person (addresseeId); @name mentions a member",
    params: ZItemParams,
    body: ZAskQuestionRequest,
    response: ZQuestion,
    status: 201,
    errors: [403, 404],
  }),
  ask: endpoint({
    method: 'POST',
    path: '/api/products/{key}/questions',
    tag: 'questions',
    summary: 'Ask a question about the product (or, with itemKey, on one of its items)',
    params: ZProductParams,
    body: ZAskProductQuestionRequest,
    response: ZQuestion,
    status: 201,
    errors: [403, 404],
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/questions',
    tag: 'questions',
    summary: "The product's open questions, oldest first, or its answered ones, latest first; with the total and the oldest open one's age",
    params: ZProductParams,
    query: ZQuestionListQuery,
    response: ZQuestionPage,
    errors: [404],
  }),
  onItem: endpoint({
    method: 'GET',
    path: '/api/items/{key}/questions',
    tag: 'questions',
    summary: "An item's questions: open ones first, oldest first, then answered ones",
    params: ZItemParams,
    response: ZQuestionList,
    errors: [404],
  }),
  answer: endpoint({
    method: 'POST',
    path: '/api/questions/{id}/answer',
    tag: 'questions',
    summary: 'Answer a question (owners, or the person it is addressed to); decision: true records it in the decision log',
    params: ZIdParams,
    body: ZAnswerRequest,
    response: ZQuestion,
    errors: [403, 404, 409],
  }),
};

export const decisionsEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/decisions',
    tag: 'decisions',
    summary: "The product's decision log, newest first, searchable (q); superseded decisions stay, linked to what replaced them",
    params: ZProductParams,
    query: ZDecisionListQuery,
    response: ZDecisionPage,
    errors: [404],
  }),
  record: endpoint({
    method: 'POST',
    path: '/api/products/{key}/decisions',
    tag: 'decisions',
    summary: 'Record a decision made outside a question (a meeting, a call), optionally superseding an earlier one',
    params: ZProductParams,
    body: ZRecordDecisionRequest,
    response: ZDecision,
    status: 201,
    errors: [403, 404, 409],
  }),
};
