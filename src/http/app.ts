import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { ServiceContext } from '../services/context.js';
import { installErrorHandler } from './errors.js';
import { registerRoutes, routes, type Route } from './route.js';
import { endpoints } from '../contract/endpoints.js';
import type { Endpoint } from '../contract/endpoint.js';
import { buildOpenApi, DOCS_HTML, DOCS_INIT_JS } from './openapi.js';
import { RateLimiter } from './rate-limit.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../services/auth/login-throttle.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerMetrics, type MetricsOptions } from './metrics.js';
import { registerSharePages } from './share-pages.js';
import { allRoutes } from './routes/index.js';
import { endEventStreams } from './routes/events.js';
import { endUserStreams } from './routes/notifications.js';
import { acceptUploads } from './routes/imports.js';

export interface AppOptions {
  ctx: ServiceContext;
  /** the built web app (dist/web); served at / when present */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** mark cookies Secure even on plain HTTP (behind a TLS-terminating proxy) */
  secureCookies?: boolean;
  /**
   * failed sign-ins allowed per address and e-mail in 15 minutes (per e-mail twice as many, per
   * address ten times); `loginLimits` sets each (src/services/auth/login-throttle.ts)
   */
  loginAttempts?: number;
  loginLimits?: Partial<LoginLimits>;
  trustProxy?: boolean;
  version?: string;
  /** check every answer against the contract (tests); see RegisterOptions */
  validateResponses?: boolean;
  /** serve Prometheus metrics at /metrics to scrapers sending this bearer token (METRICS_TOKEN); off without it */
  metricsToken?: string;
  /** the PostgreSQL pool, for the pool gauges in /metrics */
  dbPool?: MetricsOptions['pool'];
  /** share-link pages and feeds opened per IP and minute */
  shareLookups?: number;
}

/** A request id taken from a proxy: short and plain, so it cannot forge or flood log lines. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

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
    // Every log line of a request carries its id: the proxy's X-Request-Id when it sends a sane one,
    // else a new one; the answer echoes it, so a user's report can be found in the logs.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // One line per request at debug level only: at info it would cost more than most requests.
  if (app.log.level === 'debug' || app.log.level === 'trace')
    app.addHook('onResponse', async (req, reply) => {
      req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    });
  installErrorHandler(app);
  // Event streams never finish by themselves; end them so close() does not wait forever, each told
  // to reconnect after a random 0.5–2 s, so a process's readers move to the others spread out.
  const reconnectIn = () => 500 + Math.floor(Math.random() * 1500);
  // Answers finished while closing end their connection, or an idle keep-alive would hold close() for its timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('preClose', async () => endEventStreams(options.ctx, reconnectIn));
  app.addHook('preClose', async () => endUserStreams(options.ctx, reconnectIn));
  if (options.metricsToken) registerMetrics(app, options.ctx, { token: options.metricsToken, pool: options.dbPool });
  await app.register(fastifyCookie);
  acceptUploads(app);
  await registerSecurityHeaders(app, { https: !!options.secureCookies });

  const n = options.loginAttempts;
  const loginLimits: LoginLimits = {
    ...DEFAULT_LOGIN_LIMITS,
    ...(n ? { pair: n, email: 2 * n, ip: 10 * n } : {}),
    ...options.loginLimits,
  };
  // The first-run form: one process serves it, once; a counter in memory is enough.
  const setupLimiter = new RateLimiter(10, 15 * 60_000);
  let openapi: unknown;
  const all: Route[] = [
    ...routes(endpoints.meta, {
      health: async () => {
        await options.ctx.db.selectFrom('products').select('id').limit(1).execute();
        return { status: 'ok' as const };
      },
      openapi: ({ reply }) =>
        reply.type('application/json').send(
          (openapi ??= buildOpenApi(
            all.map((r) => r.endpoint),
            options.version ?? '0.1.0',
          )),
        ),
    }),
    ...allRoutes(options.ctx, { secureCookies: !!options.secureCookies, loginLimits, setupLimiter }),
  ];
  assertEveryEndpointServed(all);
  registerRoutes(app, options.ctx, all, { validateResponses: options.validateResponses ?? process.env.ORDO_VALIDATE_RESPONSES === '1' });
  registerSharePages(app, options.ctx, { lookupsPerMinute: options.shareLookups });

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

/** Each endpoint of the contract is served exactly once: a declaration without a route is a start-up error, not a 404. */
function assertEveryEndpointServed(served: Route[]) {
  const declared: Endpoint[] = Object.values(endpoints).flatMap((group) => Object.values(group) as Endpoint[]);
  const seen = new Set(served.map((r) => r.endpoint));
  const missing = declared.filter((e) => !seen.has(e)).map((e) => `${e.method} ${e.path}`);
  if (missing.length) throw new Error(`endpoints declared in the contract but not served: ${missing.join(', ')}`);
  if (seen.size !== served.length) throw new Error('an endpoint is served twice');
}
