import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../support/harness.js';
import { haveHaproxy, startHaproxy, type Haproxy } from '../support/haproxy.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { SseClient } from '../support/sse.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';

const METRICS_TOKEN = 'haproxy-test';

/** Two `ordo serve` processes on one PostgreSQL behind Debian's HAProxy, as docs/benchmarks.md ("scale") runs three. */
describe.skipIf(!DIALECTS.includes('postgres') || !haveHaproxy())('two ordo serve processes behind HAProxy', () => {
  let db: FreshDatabase;
  let servers: OrdoProcess[] = [];
  let proxy: Haproxy;
  let auth: { authorization: string };
  const key = 'PROXY';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    const ctx: ServiceContext = { db: db.handle.db, dialect: 'postgres', clock: systemClock, bus: new LocalEventBus() };
    const { actor } = await seedUser(ctx, { name: 'Pia', email: 'pia@example.com', password: 'correct horse battery', isAdmin: true });
    auth = { authorization: `Bearer ${(await createApiToken(ctx, actor, 'proxy')).token}` };
    await seedProduct(ctx, actor, { key, name: 'Proxied' });
    servers = await Promise.all([0, 1].map(() => startOrdo({ databaseUrl: db.url, env: { METRICS_TOKEN } })));
    proxy = await startHaproxy(servers.map((s) => s.port));
  }, 90_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(servers.map((s) => s.close()));
    await db?.drop();
  });

  let n = 0;
  const changeThrough = async (base: string) => {
    const res = await fetch(`${base}/api/products/${key}/states`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Step ${++n}`, category: 'in_progress' }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };
  const streamsOn = async (s: OrdoProcess) => {
    const text = await (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(/^ordo_event_streams_open\{kind="product"\} (\d+)$/m.exec(text)?.[1]);
  };

  it('delivers a change made through either process to a stream opened through the proxy, with the proxy’s request id', async () => {
    const health = await fetch(`${proxy.url}/api/health`);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const stream = await SseClient.open(`${proxy.url}/api/products/${key}/events`, auth);
    try {
      for (const s of servers) {
        const state = await changeThrough(s.url);
        const [event] = await stream.activities(1, 2_000);
        expect(event).toMatchObject({ entityType: 'state', action: 'created', entityId: state.id });
      }
    } finally {
      stream.close();
    }
  });

  it('a stream whose process shuts down resumes through the proxy on the other, missing nothing and repeating nothing', async () => {
    // The previous test's stream is closed on our side; its process notices a moment later. Wait
    // for that, so the one stream open below is the only one and its holder is known.
    const openStreams = async () => Promise.all(servers.map(streamsOn));
    await expect.poll(async () => (await openStreams()).reduce((a, b) => a + b), { timeout: 5_000 }).toBe(0);
    const stream = await SseClient.open(`${proxy.url}/api/products/${key}/events`, auth);
    await changeThrough(proxy.url);
    const [first] = await stream.activities(1, 2_000);
    const after = await openStreams();
    expect(after[0]! + after[1]!).toBe(1);
    const holder = after[0] === 1 ? servers[0]! : servers[1]!;
    const other = holder === servers[0] ? servers[1]! : servers[0]!;

    await holder.stop();
    await stream.until(() => stream.ended, 5_000, 'the stream to end');
    expect(stream.retry).toBeGreaterThanOrEqual(500);
    const missed = await changeThrough(other.url);

    // What EventSource does after `retry`: reconnect to the same address with the last id it saw.
    const again = await SseClient.open(`${proxy.url}/api/products/${key}/events`, { ...auth, 'last-event-id': String(first!.id) });
    try {
      const [resumed] = await again.activities(1, 2_000);
      expect(resumed).toMatchObject({ id: first!.id + 1, entityId: missed.id });
      await new Promise((r) => setTimeout(r, 200));
      expect(again.pending).toEqual([]);
    } finally {
      again.close();
      await holder.start();
    }
  }, 60_000);
});
