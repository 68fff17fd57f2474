import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, describeEachDialect, freshDatabase, type FreshDatabase } from '../support/harness.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { SseClient } from '../support/sse.js';
import { buildApp } from '../../src/http/app.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';

const TOKEN = 'scrape-me';

/** One sample of a metric from the Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describeEachDialect('/metrics and request ids', (h) => {
  let app: FastifyInstance;
  let base = '';
  beforeAll(async () => {
    app = await buildApp({ ctx: h.ctx, metricsToken: TOKEN, validateResponses: true });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app?.close());

  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.body;
  };

  it('exists only with a token, and answers only to it', async () => {
    expect((await h.api(null, { method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
  });

  it('counts requests by route pattern and status, times them, and counts open event streams', async () => {
    const { key, owner } = await h.buildProduct();
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'GET', url: `/api/products/${key}`, headers: owner.auth });
      expect(res.statusCode).toBe(200);
    }
    await app.inject({ method: 'GET', url: '/api/products/NOPE', headers: owner.auth });
    await app.inject({ method: 'GET', url: '/api/no/such/thing' });
    const stream = await SseClient.open(`${base}/api/products/${key}/events`, owner.auth);
    try {
      const text = await scrape();
      expect(sample(text, 'ordo_http_requests_total', { method: 'GET', route: '/api/products/:key', status: '200' })).toBe(3);
      expect(sample(text, 'ordo_http_requests_total', { method: 'GET', route: '/api/products/:key', status: '404' })).toBe(1);
      // Unknown URLs share one label, so a scan cannot grow the number of series.
      expect(sample(text, 'ordo_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
      expect(sample(text, 'ordo_http_request_duration_seconds_count', { method: 'GET', route: '/api/products/:key' })).toBe(4);
      expect(sample(text, 'ordo_http_request_duration_seconds_bucket', { route: '/api/products/:key', le: '+Inf' })).toBe(4);
      expect(sample(text, 'ordo_event_streams_open', { kind: 'product' })).toBe(1);
      expect(sample(text, 'ordo_event_streams_open', { kind: 'user' })).toBe(0);
      expect(sample(text, 'ordo_process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      stream.close();
    }
    await expect.poll(async () => sample(await scrape(), 'ordo_event_streams_open', { kind: 'product' })).toBe(0);
  });

  it('echoes a request id on every answer: the proxy’s when it is plain, else a new one', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/health' });
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-42.abc' } });
    expect(given.headers['x-request-id']).toBe('lb-42.abc');
    const forged = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'x\n{"level":60}' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const error = await app.inject({ method: 'GET', url: '/api/products/NOPE', headers: { 'x-request-id': 'err-1' } });
    expect(error.headers['x-request-id']).toBe('err-1');
  });
});

/** A real `ordo serve` on PostgreSQL: JSON logs, the bus and pool metrics, and SIGTERM. */
describe.skipIf(!DIALECTS.includes('postgres'))('ordo serve: logs, metrics and graceful shutdown', () => {
  let db: FreshDatabase;
  let server: OrdoProcess;
  let auth: { authorization: string };
  const key = 'OBS';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    const ctx: ServiceContext = { db: db.handle.db, dialect: 'postgres', clock: systemClock, bus: new LocalEventBus() };
    const { actor } = await seedUser(ctx, { name: 'Olga', email: 'olga@example.com', password: 'correct horse battery', isAdmin: true });
    auth = { authorization: `Bearer ${(await createApiToken(ctx, actor, 'obs')).token}` };
    await seedProduct(ctx, actor, { key, name: 'Observed' });
    server = await startOrdo({ databaseUrl: db.url, logLevel: 'debug', env: { METRICS_TOKEN: TOKEN } });
  }, 90_000);

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const addState = (name: string) =>
    fetch(`${server.url}/api/products/${key}/states`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name, category: 'in_progress' }),
    });

  it('writes JSON log lines that carry the request id', async () => {
    const res = await fetch(`${server.url}/api/products/${key}`, { headers: { ...auth, 'x-request-id': 'trace-me-1' } });
    expect(res.headers.get('x-request-id')).toBe('trace-me-1');
    await expect
      .poll(() =>
        server
          .output()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as { reqId?: string; status?: number; url?: string })
          .find((l) => l.reqId === 'trace-me-1'),
      )
      .toMatchObject({ reqId: 'trace-me-1', status: 200, url: `/api/products/${key}` });
  });

  it('reports the event bus lag and the pool', async () => {
    expect((await addState('Measured')).status).toBe(201);
    const scrape = async () => (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    await expect.poll(async () => sample(await scrape(), 'ordo_event_bus_lag_seconds_count')).toBeGreaterThanOrEqual(1);
    const text = await scrape();
    expect(sample(text, 'ordo_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'ordo_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'ordo_http_requests_total', { method: 'POST', route: '/api/products/:key/states', status: '201' })).toBe(1);
  });

  it('on SIGTERM finishes the request in flight, tells streams when to come back, and exits in time', async () => {
    const stream = await SseClient.open(`${server.url}/api/products/${key}/events`, auth);
    // A request whose body is still on its way when the signal comes: it must be answered, not cut.
    const body = JSON.stringify({ name: 'Landed during shutdown', category: 'in_progress' });
    const { port } = new URL(server.url);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/products/${key}/states`,
          headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => {
        process.kill(server.pid, 'SIGTERM');
        setTimeout(() => req.end(body), 500);
      }, 300);
    });
    const stoppedAt = Date.now();

    const { status, text } = await answer;
    expect(status, text).toBe(201);
    await stream.until(() => stream.ended, 5_000, 'the stream to end');
    // The hint a shutdown sends replaces the usual 2 s: 0.5–2 s, random so readers return spread out.
    expect(stream.retry).toBeGreaterThanOrEqual(500);
    expect(stream.retry).toBeLessThanOrEqual(2_000);
    await expect.poll(() => server.running, { timeout: 10_000 }).toBe(false);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(server.output()).toContain('"msg":"shut down"');
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  }, 30_000);
});
