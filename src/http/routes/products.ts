import { z } from 'zod';
import { ZId, ZProductKey } from '../../contract/common.js';
import {
  ZCreateProductRequest,
  ZCreateStateRequest,
  ZMember,
  ZProduct,
  ZProductDetail,
  ZSetMemberRequest,
  ZUpdateProductRequest,
  ZUpdateStateRequest,
  ZWorkflowState,
} from '../../contract/products.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createProduct,
  createState,
  deleteState,
  getProduct,
  listProducts,
  removeMember,
  setArchived,
  setMember,
  updateProduct,
  updateState,
  listMembers,
  listStates,
} from '../../services/products.js';
import { requireProduct } from '../../services/access.js';
import { expectedVersion, type RouteDef } from '../route.js';

const KeyParams = z.object({ key: ZProductKey });

export function productRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/products',
      tag: 'products',
      summary: 'Products the caller has a role on (admins see all)',
      query: z.strictObject({ archived: z.enum(['true', 'false']).optional() }),
      response: z.object({ items: z.array(ZProduct), nextCursor: z.null() }),
      handler: async ({ actor, query }) => ({
        items: await listProducts(ctx, actor, { includeArchived: query.archived === 'true' }),
        nextCursor: null,
      }),
    },
    {
      method: 'POST',
      url: '/api/products',
      tag: 'products',
      summary: 'Create a product with the default workflow (Backlog, To do, In progress, Review, Done); you become its owner',
      body: ZCreateProductRequest,
      response: ZProduct,
      status: 201,
      errors: [400, 403, 409],
      handler: ({ actor, body }) => createProduct(ctx, actor, body),
    },
    {
      method: 'GET',
      url: '/api/products/:key',
      tag: 'products',
      summary: 'A product with its workflow, members, labels and epics',
      params: KeyParams,
      response: ZProductDetail,
      errors: [404],
      handler: ({ actor, params }) => getProduct(ctx, actor, params.key),
    },
    {
      method: 'PATCH',
      url: '/api/products/:key',
      tag: 'products',
      summary: 'Rename a product or change its vision',
      params: KeyParams,
      body: ZUpdateProductRequest,
      response: ZProduct,
      errors: [400, 403, 404, 409],
      handler: ({ actor, params, body, req }) =>
        updateProduct(ctx, actor, params.key, { ...body, version: req.headers['if-match'] ? expectedVersion(req, body.version) : body.version }),
    },
    {
      method: 'POST',
      url: '/api/products/:key/archive',
      tag: 'products',
      summary: 'Archive a product (admins and leads); it disappears from lists but keeps its data',
      params: KeyParams,
      response: ZProduct,
      errors: [403, 404],
      handler: ({ actor, params }) => setArchived(ctx, actor, params.key, true),
    },
    {
      method: 'POST',
      url: '/api/products/:key/unarchive',
      tag: 'products',
      summary: 'Bring an archived product back',
      params: KeyParams,
      response: ZProduct,
      errors: [403, 404],
      handler: ({ actor, params }) => setArchived(ctx, actor, params.key, false),
    },
    {
      method: 'GET',
      url: '/api/products/:key/members',
      tag: 'members',
      summary: 'Members of a product and their roles',
      params: KeyParams,
      response: z.object({ items: z.array(ZMember), nextCursor: z.null() }),
      handler: async ({ actor, params }) => {
        const { product } = await requireProduct(ctx.db, actor, { key: params.key }, 'product.read');
        return { items: await listMembers(ctx.db, product.id), nextCursor: null };
      },
    },
    {
      method: 'PUT',
      url: '/api/products/:key/members',
      tag: 'members',
      summary: 'Add a member or change their role (by email or userId)',
      params: KeyParams,
      body: ZSetMemberRequest,
      response: ZMember,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => setMember(ctx, actor, params.key, body),
    },
    {
      method: 'DELETE',
      url: '/api/products/:key/members/:userId',
      tag: 'members',
      summary: 'Remove a member from a product',
      params: z.object({ key: ZProductKey, userId: ZId }),
      errors: [403, 404, 422],
      handler: async ({ actor, params }) => {
        await removeMember(ctx, actor, params.key, params.userId);
      },
    },
    {
      method: 'GET',
      url: '/api/products/:key/states',
      tag: 'workflow',
      summary: 'The workflow: states in column order with category, WIP limit and entry rules',
      params: KeyParams,
      response: z.object({ items: z.array(ZWorkflowState), nextCursor: z.null() }),
      handler: async ({ actor, params }) => {
        const { product } = await requireProduct(ctx.db, actor, { key: params.key }, 'product.read');
        return { items: await listStates(ctx.db, product.id), nextCursor: null };
      },
    },
    {
      method: 'POST',
      url: '/api/products/:key/states',
      tag: 'workflow',
      summary: 'Add a workflow state',
      params: KeyParams,
      body: ZCreateStateRequest,
      response: ZWorkflowState,
      status: 201,
      errors: [400, 403, 404],
      handler: ({ actor, params, body }) => createState(ctx, actor, params.key, body),
    },
    {
      method: 'PATCH',
      url: '/api/products/:key/states/:id',
      tag: 'workflow',
      summary: 'Rename, recategorise, reorder a state or set its WIP limit and entry rules',
      params: z.object({ key: ZProductKey, id: ZId }),
      body: ZUpdateStateRequest,
      response: ZWorkflowState,
      errors: [400, 403, 404, 409],
      handler: ({ actor, params, body }) => updateState(ctx, actor, params.key, params.id, body),
    },
    {
      method: 'DELETE',
      url: '/api/products/:key/states/:id',
      tag: 'workflow',
      summary: 'Delete a state; items in it move to `moveTo`',
      params: z.object({ key: ZProductKey, id: ZId }),
      query: z.strictObject({ moveTo: ZId.optional() }),
      errors: [403, 404, 422],
      handler: async ({ actor, params, query }) => {
        await deleteState(ctx, actor, params.key, params.id, query.moveTo);
      },
    },
  ];
}
