import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { createItem } from '../../services/items/create-item.js';
import { bulkUpdateItems } from '../../services/items/bulk-items.js';
import { findItemsSerialised } from '../../services/items/find-items.js';
import { getItem } from '../../services/items/get-item.js';
import { moveItem } from '../../services/items/move-item.js';
import { deleteItem, restoreItem, updateItem } from '../../services/items/update-item.js';
import { expectedVersion, routes, SerialisedJson, type Route } from '../route.js';

export function itemRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.items, {
    list: async ({ actor, params, query }) => {
      return new SerialisedJson(await findItemsSerialised(ctx, actor, params.key, query));
    },
    create: ({ actor, params, body }) => createItem(ctx, actor, params.key, body),
    bulk: ({ actor, params, body }) => bulkUpdateItems(ctx, actor, params.key, body),
    get: ({ actor, params }) => getItem(ctx, actor, params.key),
    update: ({ actor, params, body, req }) => {
      const { version, ...changes } = body;
      return updateItem(ctx, actor, params.key, changes, expectedVersion(req, version));
    },
    delete: async ({ actor, params }) => {
      await deleteItem(ctx, actor, params.key);
    },
    restore: ({ actor, params }) => restoreItem(ctx, actor, params.key),
    move: ({ actor, params, body }) => moveItem(ctx, actor, params.key, body),
  });
}
