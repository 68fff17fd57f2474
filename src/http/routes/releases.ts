import { z } from 'zod';
import { ZId, ZItemKey, ZProductKey } from '../../contract/common.js';
import {
  ZCreateReleaseRequest,
  ZForecastQuery,
  ZPlanItemsRequest,
  ZRelease,
  ZReleaseDetail,
  ZReleaseForecast,
  ZReleaseList,
  ZUpdateReleaseRequest,
} from '../../contract/delivery.js';
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
import { expectedVersion, type RouteDef } from '../route.js';

const ProductParams = z.object({ key: ZProductKey });
const ReleaseParams = z.object({ id: ZId });

export function releaseRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/products/:key/releases',
      tag: 'releases',
      summary: "A product's releases, by target date",
      params: ProductParams,
      response: ZReleaseList,
      errors: [404],
      handler: async ({ actor, params }) => ({ items: await listReleases(ctx, actor, params.key), nextCursor: null }),
    },
    {
      method: 'POST',
      url: '/api/products/:key/releases',
      tag: 'releases',
      summary: 'Create a release with a name, target date and description',
      params: ProductParams,
      body: ZCreateReleaseRequest,
      response: ZRelease,
      status: 201,
      errors: [400, 403, 404],
      handler: ({ actor, params, body }) => createRelease(ctx, actor, params.key, body),
    },
    {
      method: 'GET',
      url: '/api/releases/:id',
      tag: 'releases',
      summary: 'A release with its scope, progress and daily burnup (scope changes marked)',
      params: ReleaseParams,
      response: ZReleaseDetail,
      errors: [404],
      handler: ({ actor, params }) => getRelease(ctx, actor, params.id),
    },
    {
      method: 'GET',
      url: '/api/releases/:id/forecast',
      tag: 'releases',
      summary:
        'Monte Carlo forecast of the remaining scope from real throughput (10,000 trials, reproducible): dates at 50/70/85/95 %, chance of the target, distribution, the data used, blocked work, and a points forecast from velocity',
      params: ReleaseParams,
      query: ZForecastQuery,
      response: ZReleaseForecast,
      errors: [400, 404],
      handler: ({ actor, params, query }) => forecastRelease(ctx, actor, params.id, { windowDays: query.windowDays }),
    },
    {
      method: 'PATCH',
      url: '/api/releases/:id',
      tag: 'releases',
      summary: "Change a release's name, target date or description, or mark it released",
      params: ReleaseParams,
      body: ZUpdateReleaseRequest,
      response: ZRelease,
      errors: [400, 403, 404, 409],
      handler: ({ actor, params, body, req }) => {
        const { version, ...input } = body;
        return updateRelease(ctx, actor, params.id, input, expectedVersion(req, version));
      },
    },
    {
      method: 'DELETE',
      url: '/api/releases/:id',
      tag: 'releases',
      summary: 'Delete a release; its items stay in the backlog without a release',
      params: ReleaseParams,
      errors: [403, 404],
      handler: ({ actor, params }) => deleteRelease(ctx, actor, params.id),
    },
    {
      method: 'POST',
      url: '/api/releases/:id/items',
      tag: 'releases',
      summary: 'Put items (or epics, which bring their children) into the release; returns the release',
      params: ReleaseParams,
      body: ZPlanItemsRequest,
      response: ZReleaseDetail,
      errors: [400, 403, 404],
      handler: ({ actor, params, body }) => addReleaseItems(ctx, actor, params.id, body.keys),
    },
    {
      method: 'DELETE',
      url: '/api/releases/:id/items/:itemKey',
      tag: 'releases',
      summary: 'Take an item out of the release',
      params: z.object({ id: ZId, itemKey: ZItemKey }),
      errors: [403, 404],
      handler: ({ actor, params }) => removeReleaseItem(ctx, actor, params.id, params.itemKey),
    },
  ];
}
