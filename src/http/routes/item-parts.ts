import { z } from 'zod';
import { ZId, ZItemKey, ZProductKey } from '../../contract/common.js';
import {
  ZComment,
  ZCreateCommentRequest,
  ZCreateCriterionRequest,
  ZCreateLinkRequest,
  ZCriterion,
  ZLink,
  ZUpdateCriterionRequest,
} from '../../contract/items.js';
import {
  ZActivityPage,
  ZCommentPage,
  ZCriterionList,
  ZLinkList,
  ZLinkParams,
  ZProductActivityQuery,
  ZSeekQuery,
  ZUpdateCommentRequest,
} from '../../contract/item-parts.js';
import { createComment, deleteComment, findComments, updateComment } from '../../services/comments.js';
import type { ServiceContext } from '../../services/context.js';
import { createCriterion, deleteCriterion, listCriteria, updateCriterion } from '../../services/criteria.js';
import { findItemHistory, findProductActivity } from '../../services/history.js';
import { createLink, deleteLink, listLinks } from '../../services/links.js';
import type { RouteDef } from '../route.js';

const ItemParams = z.object({ key: ZItemKey });
const IdParams = z.object({ id: ZId });

/** What surrounds an item: its comments, acceptance criteria, links and history. */
export function itemPartRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/items/:key/comments',
      tag: 'comments',
      summary: "An item's comments, oldest first",
      params: ItemParams,
      query: ZSeekQuery,
      response: ZCommentPage,
      errors: [404],
      handler: ({ actor, params, query }) => findComments(ctx, actor, { key: params.key, ...query }),
    },
    {
      method: 'POST',
      url: '/api/items/:key/comments',
      tag: 'comments',
      summary: 'Comment on an item (Markdown); stakeholders may, viewers may not',
      params: ItemParams,
      body: ZCreateCommentRequest,
      response: ZComment,
      status: 201,
      errors: [403, 404],
      handler: ({ actor, params, body }) => createComment(ctx, actor, { key: params.key, body: body.body }),
    },
    {
      method: 'PATCH',
      url: '/api/comments/:id',
      tag: 'comments',
      summary: 'Edit your own comment',
      params: IdParams,
      body: ZUpdateCommentRequest,
      response: ZComment,
      errors: [403, 404],
      handler: ({ actor, params, body }) => updateComment(ctx, actor, { id: params.id, body: body.body }),
    },
    {
      method: 'DELETE',
      url: '/api/comments/:id',
      tag: 'comments',
      summary: 'Delete a comment: your own, or any as the product owner',
      params: IdParams,
      errors: [403, 404],
      handler: async ({ actor, params }) => {
        await deleteComment(ctx, actor, { id: params.id });
      },
    },
    {
      method: 'GET',
      url: '/api/items/:key/criteria',
      tag: 'criteria',
      summary: "An item's acceptance criteria in checklist order",
      params: ItemParams,
      response: ZCriterionList,
      errors: [404],
      handler: async ({ actor, params }) => ({ items: await listCriteria(ctx, actor, { key: params.key }), nextCursor: null }),
    },
    {
      method: 'POST',
      url: '/api/items/:key/criteria',
      tag: 'criteria',
      summary: "Add an acceptance criterion at the bottom of the item's checklist",
      params: ItemParams,
      body: ZCreateCriterionRequest,
      response: ZCriterion,
      status: 201,
      errors: [403, 404],
      handler: ({ actor, params, body }) => createCriterion(ctx, actor, { key: params.key, text: body.text }),
    },
    {
      method: 'PATCH',
      url: '/api/criteria/:id',
      tag: 'criteria',
      summary:
        'Reword, reorder (position: the new index in the checklist) or accept a criterion; only the product owner accepts, and rewording withdraws an acceptance',
      params: IdParams,
      body: ZUpdateCriterionRequest,
      response: ZCriterion,
      errors: [403, 404],
      handler: ({ actor, params, body }) => updateCriterion(ctx, actor, { id: params.id, ...body }),
    },
    {
      method: 'DELETE',
      url: '/api/criteria/:id',
      tag: 'criteria',
      summary: 'Remove an acceptance criterion',
      params: IdParams,
      errors: [403, 404],
      handler: async ({ actor, params }) => {
        await deleteCriterion(ctx, actor, { id: params.id });
      },
    },
    {
      method: 'GET',
      url: '/api/items/:key/links',
      tag: 'links',
      summary: "An item's links as seen from it: blocks, blocked_by, relates",
      params: ItemParams,
      response: ZLinkList,
      errors: [404],
      handler: async ({ actor, params }) => ({ items: await listLinks(ctx, actor, { key: params.key }), nextCursor: null }),
    },
    {
      method: 'POST',
      url: '/api/items/:key/links',
      tag: 'links',
      summary: 'Link the item to another item of the same product; the other item shows the link from its side',
      params: ItemParams,
      body: ZCreateLinkRequest,
      response: ZLink,
      status: 201,
      errors: [403, 404, 409, 422],
      handler: ({ actor, params, body }) => createLink(ctx, actor, { key: params.key, kind: body.kind, otherKey: body.key }),
    },
    {
      method: 'DELETE',
      url: '/api/items/:key/links/:kind/:otherKey',
      tag: 'links',
      summary: 'Remove a link (from either side)',
      params: ZLinkParams,
      errors: [403, 404],
      handler: async ({ actor, params }) => {
        await deleteLink(ctx, actor, params);
      },
    },
    {
      method: 'GET',
      url: '/api/items/:key/history',
      tag: 'history',
      summary: "An item's history, newest first, including its comments, criteria and links",
      params: ItemParams,
      query: ZSeekQuery,
      response: ZActivityPage,
      errors: [404],
      handler: ({ actor, params, query }) => findItemHistory(ctx, actor, { key: params.key, ...query }),
    },
    {
      method: 'GET',
      url: '/api/products/:key/activity',
      tag: 'history',
      summary: "The product's audit trail, newest first; entityType filters (e.g. item,comment)",
      params: z.object({ key: ZProductKey }),
      query: ZProductActivityQuery,
      response: ZActivityPage,
      errors: [404],
      handler: ({ actor, params, query }) => findProductActivity(ctx, actor, { key: params.key, ...query }),
    },
  ];
}
