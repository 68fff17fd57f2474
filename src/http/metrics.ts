import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import { AppError } from '../domain/errors.js';
import { PgEventBus } from '../realtime/pg-bus.js';
import type { ServiceContext } from '../services/context.js';
import { openEventStreamCount } from './routes/events.js';
import { openUserStreamCount } from './routes/notifications.js';

export interface MetricsOptions {
  /** the bearer token a scraper sends; /metrics exists only when it is set */
  token: string;
  /** the PostgreSQL pool, for its gauges (SQLite has one connection and none) */
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
}

/** Seconds, from 1 ms to 10 s: reads are expected under 100 ms and writes under 250 ms. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

const started = Symbol('ordo.started');
type Timed = FastifyRequest & { [started]?: bigint };

/**
 * Prometheus metrics at GET /metrics, in the text format, for a scraper that sends
 * `Authorization: Bearer $METRICS_TOKEN`. Each app has its own registry (tests build many).
 * Routes are labelled by their pattern (`/api/items/:key`), never by the raw URL, so the number of
 * series stays fixed; unknown URLs share the label `unmatched`.
 */
export function registerMetrics(app: FastifyInstance, ctx: ServiceContext, opts: MetricsOptions) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'ordo_' });

  const requests = new client.Counter({
    name: 'ordo_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const errors = new client.Counter({
    name: 'ordo_http_server_errors_total',
    help: 'Answers with a 5xx status, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: 'ordo_http_request_duration_seconds',
    help: 'Time from the request arriving to its answer being sent, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  new client.Gauge({
    name: 'ordo_event_streams_open',
    help: 'Open Server-Sent Event streams, by kind (product activity, personal notifications)',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      this.set({ kind: 'product' }, openEventStreamCount(ctx));
      this.set({ kind: 'user' }, openUserStreamCount(ctx));
    },
  });
  const pool = opts.pool;
  if (pool) {
    new client.Gauge({
      name: 'ordo_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (total, idle, and requests waiting for one)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  if (ctx.bus instanceof PgEventBus) {
    const lag = new client.Histogram({
      name: 'ordo_event_bus_lag_seconds',
      help: "Seconds from a writer's NOTIFY to this process hearing it (PostgreSQL LISTEN/NOTIFY)",
      buckets: LAG_BUCKETS,
      registers: [registry],
    });
    const stop = ctx.bus.onLag((s) => lag.observe(s));
    app.addHook('onClose', async () => void stop());
  }

  app.addHook('onRequest', async (req: Timed) => {
    req[started] = process.hrtime.bigint();
  });
  app.addHook('onResponse', async (req: Timed, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    requests.inc({ method: req.method, route, status });
    if (status >= 500) errors.inc({ method: req.method, route });
    if (req[started] !== undefined) latency.observe({ method: req.method, route }, Number(process.hrtime.bigint() - req[started]) / 1e9);
  });

  const expected = digest(opts.token);
  app.get('/metrics', async (req, reply) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected))
      throw new AppError('unauthenticated', 'Send the metrics token as a Bearer token');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();
