import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZId, ZProductKey, ZProductParams } from './common.js';
import { PRODUCT_ROLES, ROLES } from '../domain/roles.js';
import { ENTRY_RULE_NAMES, STATE_CATEGORIES } from '../domain/workflow.js';

export const ZWorkflowState = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(STATE_CATEGORIES),
  position: z.number(),
  wipLimit: z.number().nullable(),
  entryRules: z.array(z.enum(ENTRY_RULE_NAMES as [string, ...string[]])),
  version: z.number(),
});
export type TWorkflowState = z.infer<typeof ZWorkflowState>;

export const ZProduct = z.object({
  key: z.string(),
  name: z.string(),
  vision: z.string(),
  role: z.enum(ROLES),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastEvent: z.number(),
  version: z.number(),
});
export type TProduct = z.infer<typeof ZProduct>;

export const ZProductDetail = ZProduct.extend({
  states: z.array(ZWorkflowState),
  members: z.array(z.object({ userId: z.number(), name: z.string(), email: z.string(), role: z.enum(ROLES) })),
  labels: z.array(z.string()),
  epics: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type TProductDetail = z.infer<typeof ZProductDetail>;

export const ZCreateProductRequest = z.strictObject({
  key: ZProductKey,
  name: z.string().trim().min(1).max(200),
  vision: z.string().max(2000).optional(),
});

export const ZUpdateProductRequest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  vision: z.string().max(2000).optional(),
  version: z.number().int().optional(),
});

export const ZMember = z.object({ userId: z.number(), name: z.string(), email: z.string(), role: z.enum(ROLES) });
export type TMember = z.infer<typeof ZMember>;
export const ZSetMemberRequest = z.strictObject({
  email: z.string().trim().min(1).max(320).optional(),
  userId: z.number().int().optional(),
  role: z.enum(PRODUCT_ROLES),
});

export const ZCreateStateRequest = z.strictObject({
  name: z.string().trim().min(1).max(60),
  category: z.enum(STATE_CATEGORIES),
  wipLimit: z.number().int().min(1).max(999).nullable().optional(),
  entryRules: z.array(z.enum(ENTRY_RULE_NAMES as [string, ...string[]])).optional(),
  /** index in the column order; appended when absent */
  position: z.number().int().min(0).optional(),
});
export const ZUpdateStateRequest = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  category: z.enum(STATE_CATEGORIES).optional(),
  wipLimit: z.number().int().min(1).max(999).nullable().optional(),
  entryRules: z.array(z.enum(ENTRY_RULE_NAMES as [string, ...string[]])).optional(),
  position: z.number().int().min(0).optional(),
  version: z.number().int().optional(),
});

// ---- endpoints ----

export const productsEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products',
    tag: 'products',
    summary: 'Products the caller has a role on (admins see all)',
    query: z.strictObject({ archived: z.enum(['true', 'false']).optional() }),
    response: z.object({ items: z.array(ZProduct), nextCursor: z.null() }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/products',
    tag: 'products',
    summary: 'Create a product with the default workflow (Backlog, To do, In progress, Review, Done); you become its owner',
    body: ZCreateProductRequest,
    response: ZProduct,
    status: 201,
    errors: [400, 403, 409],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/products/{key}',
    tag: 'products',
    summary: 'A product with its workflow, members, labels and epics',
    params: ZProductParams,
    response: ZProductDetail,
    errors: [404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/products/{key}',
    tag: 'products',
    summary: 'Rename a product or change its vision',
    params: ZProductParams,
    body: ZUpdateProductRequest,
    response: ZProduct,
    errors: [400, 403, 404, 409],
  }),
  archive: endpoint({
    method: 'POST',
    path: '/api/products/{key}/archive',
    tag: 'products',
    summary: 'Archive a product (admins and leads); it disappears from lists but keeps its data',
    params: ZProductParams,
    response: ZProduct,
    errors: [403, 404],
  }),
  unarchive: endpoint({
    method: 'POST',
    path: '/api/products/{key}/unarchive',
    tag: 'products',
    summary: 'Bring an archived product back',
    params: ZProductParams,
    response: ZProduct,
    errors: [403, 404],
  }),
};

export const membersEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/members',
    tag: 'members',
    summary: 'Members of a product and their roles',
    params: ZProductParams,
    response: z.object({ items: z.array(ZMember), nextCursor: z.null() }),
    errors: [404],
  }),
  set: endpoint({
    method: 'PUT',
    path: '/api/products/{key}/members',
    tag: 'members',
    summary: 'Add a member or change their role (by email or userId)',
    params: ZProductParams,
    body: ZSetMemberRequest,
    response: ZMember,
    errors: [400, 403, 404, 422],
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/products/{key}/members/{userId}',
    tag: 'members',
    summary: 'Remove a member from a product',
    params: z.object({ key: ZProductKey, userId: ZId }),
    errors: [403, 404, 422],
  }),
};

export const statesEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/states',
    tag: 'states',
    summary: 'The workflow: states in column order with category, WIP limit and entry rules',
    params: ZProductParams,
    response: z.object({ items: z.array(ZWorkflowState), nextCursor: z.null() }),
    errors: [404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/states',
    tag: 'states',
    summary: 'Add a workflow state',
    params: ZProductParams,
    body: ZCreateStateRequest,
    response: ZWorkflowState,
    status: 201,
    errors: [400, 403, 404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/products/{key}/states/{id}',
    tag: 'states',
    summary: 'Rename, recategorise, reorder a state or set its WIP limit and entry rules',
    params: z.object({ key: ZProductKey, id: ZId }),
    body: ZUpdateStateRequest,
    response: ZWorkflowState,
    errors: [400, 403, 404, 409],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/products/{key}/states/{id}',
    tag: 'states',
    summary: 'Delete a state; items in it move to `moveTo`',
    params: z.object({ key: ZProductKey, id: ZId }),
    query: z.strictObject({ moveTo: ZId.optional() }),
    errors: [403, 404, 422],
  }),
};
