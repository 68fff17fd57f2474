import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZActivity } from './activity.js';
import { ZIdParams, ZItemKey, ZItemParams, ZNumberCursor, ZProductParams, page } from './common.js';
import {
  ZComment,
  ZCreateCommentRequest,
  ZCreateCriterionRequest,
  ZCreateLinkRequest,
  ZCriterion,
  ZLink,
  ZUpdateCriterionRequest,
} from './items.js';

/**
 * Seek pagination for logs that only grow (comments, history): the cursor is the position of the
 * last row read, so a page never shifts when new rows arrive while someone reads.
 */
export const ZSeekQuery = z.strictObject({
  cursor: ZNumberCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TSeekQuery = z.infer<typeof ZSeekQuery>;

export const ZCommentPage = page(ZComment);
export type TCommentPage = z.infer<typeof ZCommentPage>;

export const ZUpdateCommentRequest = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(20_000),
});
export type TUpdateCommentRequest = z.infer<typeof ZUpdateCommentRequest>;

export const ZCriterionList = z.object({ items: z.array(ZCriterion), nextCursor: z.null() });

export const LINK_KINDS = ['blocks', 'blocked_by', 'relates'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const ZLinkList = z.object({ items: z.array(ZLink), nextCursor: z.null() });
export type TLink = z.infer<typeof ZLink>;

export const ZLinkParams = z.object({ key: ZItemKey, kind: z.enum(LINK_KINDS), otherKey: ZItemKey });

export const ZActivityPage = page(ZActivity);
export type TActivityPage = z.infer<typeof ZActivityPage>;

/** The product's audit trail, optionally only some kinds of thing (`item,comment`). */
export const ZProductActivityQuery = ZSeekQuery.extend({
  entityType: z
    .string()
    .max(200)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .optional(),
});
export type TProductActivityQuery = z.infer<typeof ZProductActivityQuery>;

// ---- endpoints ----

export const commentsEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/items/{key}/comments',
    tag: 'comments',
    summary: "An item's comments, oldest first",
    params: ZItemParams,
    query: ZSeekQuery,
    response: ZCommentPage,
    errors: [404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/items/{key}/comments',
    tag: 'comments',
    summary: 'Comment on an item (Markdown); stakeholders may, viewers may not',
    params: ZItemParams,
    body: ZCreateCommentRequest,
    response: ZComment,
    status: 201,
    errors: [403, 404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/comments/{id}',
    tag: 'comments',
    summary: 'Edit your own comment',
    params: ZIdParams,
    body: ZUpdateCommentRequest,
    response: ZComment,
    errors: [403, 404],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/comments/{id}',
    tag: 'comments',
    summary: 'Delete a comment: your own, or any as the product owner',
    params: ZIdParams,
    errors: [403, 404],
  }),
};

export const criteriaEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/items/{key}/criteria',
    tag: 'criteria',
    summary: "An item's acceptance criteria in checklist order",
    params: ZItemParams,
    response: ZCriterionList,
    errors: [404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/items/{key}/criteria',
    tag: 'criteria',
    summary: "Add an acceptance criterion at the bottom of the item's checklist",
    params: ZItemParams,
    body: ZCreateCriterionRequest,
    response: ZCriterion,
    status: 201,
    errors: [403, 404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/criteria/{id}',
    tag: 'criteria',
    summary:
      'Reword, reorder (position: the new index in the checklist) or accept a criterion; only the product owner accepts, and rewording withdraws an acceptance',
    params: ZIdParams,
    body: ZUpdateCriterionRequest,
    response: ZCriterion,
    errors: [403, 404],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/criteria/{id}',
    tag: 'criteria',
    summary: 'Remove an acceptance criterion',
    params: ZIdParams,
    errors: [403, 404],
  }),
};

export const linksEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/items/{key}/links',
    tag: 'links',
    summary: "An item's links as seen from it: blocks, blocked_by, relates",
    params: ZItemParams,
    response: ZLinkList,
    errors: [404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/items/{key}/links',
    tag: 'links',
    summary: 'Link the item to another item of the same product; the other item shows the link from its side',
    params: ZItemParams,
    body: ZCreateLinkRequest,
    response: ZLink,
    status: 201,
    errors: [403, 404, 409, 422],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/items/{key}/links/{kind}/{otherKey}',
    tag: 'links',
    summary: 'Remove a link (from either side)',
    params: ZLinkParams,
    errors: [403, 404],
  }),
};

export const historyEndpoints = {
  item: endpoint({
    method: 'GET',
    path: '/api/items/{key}/history',
    tag: 'history',
    summary: "An item's history, newest first, including its comments, criteria and links",
    params: ZItemParams,
    query: ZSeekQuery,
    response: ZActivityPage,
    errors: [404],
  }),
  product: endpoint({
    method: 'GET',
    path: '/api/products/{key}/activity',
    tag: 'history',
    summary: "The product's audit trail, newest first; entityType filters (e.g. item,comment)",
    params: ZProductParams,
    query: ZProductActivityQuery,
    response: ZActivityPage,
    errors: [404],
  }),
};
