import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { getBoard } from '../../services/items/board.js';
import { routes, SerialisedJson, type Route } from '../route.js';

export function boardRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.board, {
    get: async ({ actor, params, req, reply }) => {
      const board = await getBoard(ctx, actor, params.key);
      const etag = `"${board.lastEvent}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      // Already serialised (and cached that way): sent as it is.
      return new SerialisedJson(board.body);
    },
  });
}
