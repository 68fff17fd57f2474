import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { exportProduct } from '../../services/exports/export-product.js';
import { routes, type Route } from '../route.js';

export function exportRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.exports, {
    download: async ({ actor, params, query, reply }) => {
      const file = await exportProduct(ctx, actor, { key: params.key, format: query.format });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  });
}
