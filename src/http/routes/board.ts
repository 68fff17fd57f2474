import { z } from 'zod';
import { ZProductKey } from '../../contract/common.js';
import { ZBoard } from '../../contract/items.js';
import type { ServiceContext } from '../../services/context.js';
import { getBoard } from '../../services/items/board.js';
import type { RouteDef } from '../route.js';

export function boardRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/products/:key/board',
      tag: 'board',
      summary:
        'The board: one column per workflow state with WIP limit, count and cards (backlog and done columns: the first 200), members and epics. ETag is the product’s last event; If-None-Match answers 304',
      params: z.object({ key: ZProductKey }),
      response: ZBoard,
      errors: [304, 404],
      handler: async ({ actor, params, req, reply }) => {
        const board = await getBoard(ctx, actor, params.key);
        const etag = `"${board.lastEvent}"`;
        reply.header('etag', etag).header('cache-control', 'private, no-cache');
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        // Already serialised (and cached that way): sent as it is.
        reply.type('application/json; charset=utf-8');
        return board.body;
      },
    },
  ];
}
