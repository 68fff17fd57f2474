import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../contract/endpoints.js';
import { fastifyPath } from '../../contract/endpoint.js';
import type { ServiceContext } from '../../services/context.js';
import { getImportJob, startImport } from '../../services/imports/import-jobs.js';
import { type Route, routes } from '../route.js';

export function importRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.imports, {
    create: ({ actor, params, query, req }) =>
      startImport(
        ctx,
        actor,
        { productKey: params.key, format: query.format, dryRun: query.dryRun, map: query.map, name: query.name, archived: query.archived },
        req.body,
      ),
    get: ({ actor, params }) => getImportJob(ctx, actor, params.id),
  });
}

const UPLOAD_ROUTE = fastifyPath(endpoints.imports.create.path);

/**
 * An export is uploaded as the raw body (`application/octet-stream`, `text/csv`): the import route
 * receives the stream and saves it without holding it in memory. Every other route still reads JSON only.
 */
export function acceptUploads(app: FastifyInstance) {
  app.addContentTypeParser(['application/octet-stream', 'text/csv'], (req, payload, done) => {
    if (req.routeOptions.url === UPLOAD_ROUTE) return done(null, payload);
    done(Object.assign(new Error('Send JSON (Content-Type: application/json)'), { statusCode: 415 }), undefined);
  });
}
