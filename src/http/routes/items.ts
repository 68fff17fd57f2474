import { z } from 'zod';
import { ZItemKey, ZProductKey } from '../../contract/common.js';
import { ZBulkRequest, ZBulkResult, ZCreateItemRequest, ZItem, ZItemListQuery, ZItemPage, ZMoveItemRequest, ZUpdateItemRequest } from '../../contract/items.js';
import type { ServiceContext } from '../../services/context.js';
import { createItem } from '../../services/items/create-item.js';
import { bulkUpdateItems } from '../../services/items/bulk-items.js';
import { findItemsSerialised } from '../../services/items/find-items.js';
import { getItem } from '../../services/items/get-item.js';
import { moveItem } from '../../services/items/move-item.js';
import { deleteItem, restoreItem, updateItem } from '../../services/items/update-item.js';
import { expectedVersion, type RouteDef } from '../route.js';

const ProductParams = z.object({ key: ZProductKey });
const ItemParams = z.object({ key: ZItemKey });

export function itemRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/products/:key/items',
      tag: 'items',
      summary:
        'A page of the backlog in rank order (or sort=wsjf), filtered by type, state, label, assignee, epic, sprint, release, blocked or text (q); count=true adds the total',
      params: ProductParams,
      query: ZItemListQuery,
      response: ZItemPage,
      errors: [400, 404],
      handler: async ({ actor, params, query, reply }) => {
        const body = await findItemsSerialised(ctx, actor, params.key, query);
        reply.type('application/json; charset=utf-8');
        return body;
      },
    },
    {
      method: 'POST',
      url: '/api/products/:key/items',
      tag: 'items',
      summary: 'Add an item; it lands at the bottom of the backlog unless position, before or after say otherwise',
      params: ProductParams,
      body: ZCreateItemRequest,
      response: ZItem,
      status: 201,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => createItem(ctx, actor, params.key, body),
    },
    {
      method: 'POST',
      url: '/api/products/:key/items/bulk',
      tag: 'items',
      summary: 'Change several items at once, all or nothing: top or bottom of the backlog in their order, state, sprint, release, assignee',
      params: ProductParams,
      body: ZBulkRequest,
      response: ZBulkResult,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => bulkUpdateItems(ctx, actor, params.key, body),
    },
    {
      method: 'GET',
      url: '/api/items/:key',
      tag: 'items',
      summary: 'One item with its acceptance criteria, links and, for epics, progress',
      params: ItemParams,
      response: ZItem,
      errors: [404],
      handler: ({ actor, params }) => getItem(ctx, actor, params.key),
    },
    {
      method: 'PATCH',
      url: '/api/items/:key',
      tag: 'items',
      summary: 'Edit an item; send the version you read (If-Match or "version"); a stale one gets 409 with the current item',
      params: ItemParams,
      body: ZUpdateItemRequest,
      response: ZItem,
      errors: [400, 403, 404, 409, 422],
      handler: ({ actor, params, body, req }) => {
        const { version, ...changes } = body;
        return updateItem(ctx, actor, params.key, changes, expectedVersion(req, version));
      },
    },
    {
      method: 'DELETE',
      url: '/api/items/:key',
      tag: 'items',
      summary: 'Move an item to the trash (restorable)',
      params: ItemParams,
      errors: [403, 404],
      handler: async ({ actor, params }) => {
        await deleteItem(ctx, actor, params.key);
      },
    },
    {
      method: 'POST',
      url: '/api/items/:key/restore',
      tag: 'items',
      summary: 'Bring an item back from the trash',
      params: ItemParams,
      response: ZItem,
      errors: [403, 404],
      handler: ({ actor, params }) => restoreItem(ctx, actor, params.key),
    },
    {
      method: 'POST',
      url: '/api/items/:key/move',
      tag: 'items',
      summary:
        'Place an item before or after another, or at the top or bottom (of a column with stateId, else of the backlog), optionally into another state under its rules',
      params: ItemParams,
      body: ZMoveItemRequest,
      response: ZItem,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => moveItem(ctx, actor, params.key, body),
    },
  ];
}
