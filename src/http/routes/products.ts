import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { setProductArchived } from '../../services/products/archive-product.js';
import { createProduct } from '../../services/products/create-product.js';
import { createState } from '../../services/products/create-state.js';
import { deleteState } from '../../services/products/delete-state.js';
import { getProduct } from '../../services/products/get-product.js';
import { listMembers } from '../../services/products/list-members.js';
import { listProducts } from '../../services/products/list-products.js';
import { listStates } from '../../services/products/list-states.js';
import { removeMember } from '../../services/products/remove-member.js';
import { setMember } from '../../services/products/set-member.js';
import { updateProduct } from '../../services/products/update-product.js';
import { updateState } from '../../services/products/update-state.js';
import { expectedVersion, type Route, routes } from '../route.js';

export function productRoutes(ctx: ServiceContext): Route[] {
  return [
    ...routes(endpoints.products, {
      list: async ({ actor, query }) => ({
        items: await listProducts(ctx, actor, { includeArchived: query.archived === 'true' }),
        nextCursor: null,
      }),
      create: ({ actor, body }) => createProduct(ctx, actor, body),
      get: ({ actor, params }) => getProduct(ctx, actor, params.key),
      update: ({ actor, params, body, req }) =>
        updateProduct(ctx, actor, params.key, {
          ...body,
          version: req.headers['if-match'] ? expectedVersion(req, body.version) : body.version,
        }),
      archive: ({ actor, params }) => setProductArchived(ctx, actor, params.key, true),
      unarchive: ({ actor, params }) => setProductArchived(ctx, actor, params.key, false),
    }),
    ...routes(endpoints.members, {
      list: async ({ actor, params }) => ({ items: await listMembers(ctx, actor, params.key), nextCursor: null }),
      set: ({ actor, params, body }) => setMember(ctx, actor, params.key, body),
      remove: async ({ actor, params }) => {
        await removeMember(ctx, actor, params.key, params.userId);
      },
    }),
    ...routes(endpoints.states, {
      list: async ({ actor, params }) => ({ items: await listStates(ctx, actor, params.key), nextCursor: null }),
      create: ({ actor, params, body }) => createState(ctx, actor, params.key, body),
      update: ({ actor, params, body }) => updateState(ctx, actor, params.key, params.id, body),
      delete: async ({ actor, params, query }) => {
        await deleteState(ctx, actor, params.key, params.id, query.moveTo);
      },
    }),
  ];
}
