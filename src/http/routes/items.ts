import { z } from 'zod';
import { ZItemKey, ZProductKey } from '../../contract/common.js';
import { ZCreateItemRequest, ZItem } from '../../contract/items.js';
import type { ServiceContext } from '../../services/context.js';
import { createItem } from '../../services/items/create-item.js';
import { getItem } from '../../services/items/get-item.js';
import type { RouteDef } from '../route.js';

const ProductParams = z.object({ key: ZProductKey });
const ItemParams = z.object({ key: ZItemKey });

export function itemRoutes(ctx: ServiceContext): RouteDef[] {
  return [
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
      method: 'GET',
      url: '/api/items/:key',
      tag: 'items',
      summary: 'One item with its acceptance criteria, links and, for epics, progress',
      params: ItemParams,
      response: ZItem,
      errors: [404],
      handler: ({ actor, params }) => getItem(ctx, actor, params.key),
    },
  ];
}
