import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_ADMIN_URL, freshDatabase, type FreshDatabase } from '../support/harness.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { SseClient } from '../support/sse.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { PgEventBus } from '../../src/realtime/pg-bus.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { createState } from '../../src/services/products/create-state.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';

/** Several stateless `ordo serve` processes on one PostgreSQL database (DESIGN.md "scale"). */
describe.skipIf(!DIALECTS.includes('postgres'))('two server processes on one PostgreSQL database', () => {
  let db: FreshDatabase;
  let a: OrdoProcess;
  let b: OrdoProcess;
  let ctx: ServiceContext;
  let actor: { userId: number; name: string; isAdmin: boolean };
  let auth: { authorization: string };
  const key = 'MULTI';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    ctx = { db: db.handle.db, dialect: 'postgres', clock: systemClock, bus: new LocalEventBus() };
    ({ actor } = await seedUser(ctx, { name: 'Pat Owner', email: 'po@example.com', password: 'correct horse battery', isAdmin: true }));
    auth = { authorization: `Bearer ${(await createApiToken(ctx, actor, 'multiprocess')).token}` };
    await seedProduct(ctx, actor, { key, name: 'Shared' });
    // One groups its writes into shared commits (the default), the other commits each alone: both must order events alike.
    [a, b] = await Promise.all([startOrdo({ databaseUrl: db.url }), startOrdo({ databaseUrl: db.url, env: { GROUP_COMMIT: 'false' } })]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  /** Terminates every server's LISTEN connection on the test database; returns how many. */
  const cutListeners = async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const cut = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ordo events' AND datname = $1`,
        [new URL(db.url).pathname.slice(1)],
      );
      return cut.rowCount;
    } finally {
      await admin.end();
    }
  };

  let stateCount = 0;
  const changeThrough = async (server: OrdoProcess) => {
    const res = await fetch(`${server.url}/api/products/${key}/states`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Step ${++stateCount}`, category: 'in_progress' }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };

  it('delivers a change made through one process to an event stream on the other', async () => {
    const stream = await SseClient.open(`${b.url}/api/products/${key}/events`, auth);
    try {
      const state = await changeThrough(a);
      const [event] = await stream.activities(1, 1_000);
      expect(event).toMatchObject({ entityType: 'state', action: 'created', entityId: state.id, productKey: key });
    } finally {
      stream.close();
    }
  });

  it('keeps delivering after the listening connection to PostgreSQL is cut, including what happened meanwhile', async () => {
    const stream = await SseClient.open(`${b.url}/api/products/${key}/events`, auth);
    try {
      expect(await cutListeners()).toBe(2);

      // Made while B may still be reconnecting: its notification can be lost, the event must not be.
      const during = await changeThrough(a);
      const [missed] = await stream.activities(1, 10_000);
      expect(missed!.entityId).toBe(during.id);

      const after = await changeThrough(a);
      const [live] = await stream.activities(1, 10_000);
      expect(live).toMatchObject({ entityId: after.id, id: missed!.id + 1 });
    } finally {
      stream.close();
    }
  });

  it('wakes its subscribers with the current last event after reconnecting, so a notification lost meanwhile costs nothing', async () => {
    const bus = await PgEventBus.connect(db.url);
    try {
      const product = await db.handle.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow();
      const heard: number[] = [];
      bus.subscribe(product.id, (n) => heard.push(n));
      await cutListeners();
      // Committed while the bus is deaf; ctx's own bus is in-process, so only PostgreSQL can tell ours.
      await createState(ctx, actor, key, { name: `Step ${++stateCount}`, category: 'done' });
      const { last_event } = await db.handle.db
        .selectFrom('products')
        .select('last_event')
        .where('id', '=', product.id)
        .executeTakeFirstOrThrow();
      await expect.poll(() => heard.includes(last_event), { timeout: 10_000 }).toBe(true);
      expect(bus.listening).toBe(true);
    } finally {
      await bus.close();
    }
  });
});
