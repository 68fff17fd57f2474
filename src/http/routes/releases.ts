import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { forecastRelease } from '../../services/forecasts.js';
import {
  addReleaseItems,
  createRelease,
  deleteRelease,
  getRelease,
  listReleases,
  removeReleaseItem,
  updateRelease,
} from '../../services/releases.js';
import { expectedVersion, type Route, routes } from '../route.js';

export function releaseRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.releases, {
    list: async ({ actor, params }) => ({ items: await listReleases(ctx, actor, params.key), nextCursor: null }),
    create: ({ actor, params, body }) => createRelease(ctx, actor, params.key, body),
    get: ({ actor, params }) => getRelease(ctx, actor, params.id),
    forecast: ({ actor, params, query }) => forecastRelease(ctx, actor, params.id, { windowDays: query.windowDays }),
    update: ({ actor, params, body, req }) => {
      const { version, ...input } = body;
      return updateRelease(ctx, actor, params.id, input, expectedVersion(req, version));
    },
    delete: ({ actor, params }) => deleteRelease(ctx, actor, params.id),
    addItems: ({ actor, params, body }) => addReleaseItems(ctx, actor, params.id, body.keys),
    removeItem: ({ actor, params }) => removeReleaseItem(ctx, actor, params.id, params.itemKey),
  });
}
