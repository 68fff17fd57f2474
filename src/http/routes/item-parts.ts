import { endpoints } from '../../contract/endpoints.js';
import { createComment, deleteComment, findComments, updateComment } from '../../services/comments.js';
import type { ServiceContext } from '../../services/context.js';
import { createCriterion, deleteCriterion, listCriteria, updateCriterion } from '../../services/criteria.js';
import { findItemHistory, findProductActivity } from '../../services/history.js';
import { createLink, deleteLink, listLinks } from '../../services/links.js';
import { routes, type Route } from '../route.js';

/** What surrounds an item: its comments, acceptance criteria, links and history. */
export function itemPartRoutes(ctx: ServiceContext): Route[] {
  return [
    ...routes(endpoints.comments, {
      list: ({ actor, params, query }) => findComments(ctx, actor, { key: params.key, ...query }),
      create: ({ actor, params, body }) => createComment(ctx, actor, { key: params.key, body: body.body }),
      update: ({ actor, params, body }) => updateComment(ctx, actor, { id: params.id, body: body.body }),
      delete: async ({ actor, params }) => {
        await deleteComment(ctx, actor, { id: params.id });
      },
    }),
    ...routes(endpoints.criteria, {
      list: async ({ actor, params }) => ({ items: await listCriteria(ctx, actor, { key: params.key }), nextCursor: null }),
      create: ({ actor, params, body }) => createCriterion(ctx, actor, { key: params.key, text: body.text }),
      update: ({ actor, params, body }) => updateCriterion(ctx, actor, { id: params.id, ...body }),
      delete: async ({ actor, params }) => {
        await deleteCriterion(ctx, actor, { id: params.id });
      },
    }),
    ...routes(endpoints.links, {
      list: async ({ actor, params }) => ({ items: await listLinks(ctx, actor, { key: params.key }), nextCursor: null }),
      create: ({ actor, params, body }) => createLink(ctx, actor, { key: params.key, kind: body.kind, otherKey: body.key }),
      delete: async ({ actor, params }) => {
        await deleteLink(ctx, actor, params);
      },
    }),
    ...routes(endpoints.history, {
      item: ({ actor, params, query }) => findItemHistory(ctx, actor, { key: params.key, ...query }),
      product: ({ actor, params, query }) => findProductActivity(ctx, actor, { key: params.key, ...query }),
    }),
  ];
}
