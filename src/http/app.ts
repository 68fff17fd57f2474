import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { ServiceContext } from '../services/context.js';
import { installErrorHandler } from './errors.js';
import { addRoutes, RouteRegistry } from './route.js';
import { buildOpenApi, DOCS_HTML, DOCS_INIT_JS } from './openapi.js';
import { RateLimiter } from './rate-limit.js';
import { allRoutes } from './routes/index.js';
import { endEventStreams } from './routes/events.js';

export interface AppOptions {
  ctx: ServiceContext;
  /** the built web app (dist/web); served at / when present */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** mark cookies Secure even on plain HTTP (behind a TLS-terminating proxy) */
  secureCookies?: boolean;
  /** login attempts per IP and email in 15 minutes */
  loginAttempts?: number;
  trustProxy?: boolean;
  version?: string;
}

/** 1 MiB: far above any real item or comment, well below what could hurt the process. */
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // One log line per request would cost more than most requests; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });
  installErrorHandler(app);
  // Event streams never finish by themselves; end them so close() does not wait forever.
  app.addHook('preClose', async () => endEventStreams(options.ctx));
  await app.register(fastifyCookie);

  const registry = new RouteRegistry();
  const loginLimiter = new RateLimiter(options.loginAttempts ?? 10, 15 * 60_000);
  addRoutes(app, options.ctx, registry, [
    {
      method: 'GET',
      url: '/api/health',
      tag: 'meta',
      summary: 'Liveness: 200 when the server answers and its database does',
      auth: 'public',
      handler: async () => {
        await options.ctx.db.selectFrom('products').select('id').limit(1).execute();
        return { status: 'ok' };
      },
    },
    ...allRoutes(options.ctx, { secureCookies: !!options.secureCookies, loginLimiter }),
  ]);

  let openapi: unknown;
  app.get('/api/openapi.json', async () => (openapi ??= buildOpenApi(registry, options.version ?? '0.1.0')));
  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, { root: swaggerDir, prefix: '/api/docs/assets/', decorateReply: false });
  app.get('/api/docs', async (_req, reply) => reply.type('text/html').send(DOCS_HTML));
  app.get('/api/docs/init.js', async (_req, reply) => reply.type('application/javascript').send(DOCS_INIT_JS));

  if (options.webDir && fs.existsSync(path.join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDir, prefix: '/', wildcard: false, index: ['index.html'] });
    const indexHtml = fs.readFileSync(path.join(options.webDir, 'index.html'));
    // Client-side routes (/p/PAY/board, …) all load the app shell. A catch-all route rather than
    // a second not-found handler: installErrorHandler has set the one Fastify allows.
    app.get('/*', (req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0]!)) {
        return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
      }
      return reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
    });
  }
  return app;
}
