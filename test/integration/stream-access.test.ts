import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, describeEachDialect, freshDatabase, type FreshDatabase, type TestUser } from '../support/harness.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { SseClient } from '../support/sse.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';
import { setMember } from '../../src/services/products/set-member.js';

/** Within a second, not at the next 15 s heartbeat: the access signal (src/services/access-changed.ts) makes the stream check at once. */
const WITHIN_MS = 1_000;

describeEachDialect('an event stream closes when its reader loses access', (h) => {
  let base = '';
  beforeAll(async () => {
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  const tokenId = async (user: TestUser) => {
    const res = await h.api(user, { method: 'GET', url: '/api/tokens' });
    return (res.json() as { items: { id: number }[] }).items[0]!.id;
  };

  it('when the API token it was opened with is revoked', async () => {
    const { key, owner } = await h.buildProduct();
    const dev = await h.buildUser();
    await h.addMember(key, owner, dev, 'developer');
    const stream = await SseClient.open(`${base}/api/products/${key}/events`, dev.auth);
    const bell = await SseClient.open(`${base}/api/me/events`, dev.auth);
    const res = await h.api(dev, { method: 'DELETE', url: `/api/tokens/${await tokenId(dev)}` });
    expect(res.statusCode).toBe(204);
    await stream.until(() => stream.ended, WITHIN_MS, 'the product stream to end');
    await bell.until(() => bell.ended, WITHIN_MS, 'the notification stream to end');
  });

  it('when its user is taken off the product, but not when their role changes to one that still reads', async () => {
    const { key, owner } = await h.buildProduct();
    const dev = await h.buildUser();
    await h.addMember(key, owner, dev, 'developer');
    const stream = await SseClient.open(`${base}/api/products/${key}/events`, dev.auth);
    try {
      const demoted = await h.api(owner, {
        method: 'PUT',
        url: `/api/products/${key}/members`,
        payload: { userId: dev.id, role: 'viewer' },
      });
      expect(demoted.statusCode).toBe(200);
      // The stream still delivers (the demotion itself is an event it may see) and stays open.
      const [event] = await stream.activities(1, WITHIN_MS);
      expect(event).toMatchObject({ entityType: 'member', action: 'role_changed' });
      expect(stream.ended).toBe(false);

      const removed = await h.api(owner, { method: 'DELETE', url: `/api/products/${key}/members/${dev.id}` });
      expect(removed.statusCode).toBe(204);
      await stream.until(() => stream.ended, WITHIN_MS, 'the stream to end');
    } finally {
      stream.close();
    }
  });

  it('when an admin deactivates its user or resets their password', async () => {
    const { key, owner } = await h.buildProduct();
    const [gone, reset] = [await h.buildUser(), await h.buildUser()];
    await h.addMember(key, owner, gone, 'developer');
    await h.addMember(key, owner, reset, 'developer');
    const streams = [
      await SseClient.open(`${base}/api/products/${key}/events`, gone.auth),
      await SseClient.open(`${base}/api/me/events`, gone.auth),
      await SseClient.open(`${base}/api/products/${key}/events`, reset.auth),
    ];
    try {
      expect((await h.api(owner, { method: 'POST', url: `/api/users/${gone.id}/deactivate` })).statusCode).toBe(200);
      expect((await h.api(owner, { method: 'POST', url: `/api/users/${reset.id}/reset-password` })).statusCode).toBe(200);
      for (const s of streams) await s.until(() => s.ended, WITHIN_MS, 'the stream to end');
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('when an admin stops being one and is no member of the product', async () => {
    const { key } = await h.buildProduct();
    const admin = await h.buildUser({ isAdmin: true });
    const stream = await SseClient.open(`${base}/api/products/${key}/events`, admin.auth);
    try {
      const owner = await h.buildUser({ isAdmin: true });
      const res = await h.api(owner, { method: 'PUT', url: `/api/users/${admin.id}/admin`, payload: { isAdmin: false } });
      expect(res.statusCode).toBe(200);
      await stream.until(() => stream.ended, WITHIN_MS, 'the stream to end');
    } finally {
      stream.close();
    }
  });

  it('when the session it was opened with signs out', async () => {
    const { key, owner } = await h.buildProduct();
    const login = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: owner.password } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const stream = await SseClient.open(`${base}/api/products/${key}/events`, { cookie });
    const other = await SseClient.open(`${base}/api/products/${key}/events`, owner.auth);
    try {
      const out = await h.api(null, { method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      expect(out.statusCode).toBe(204);
      await stream.until(() => stream.ended, WITHIN_MS, 'the stream to end');
      // The same person's stream on a token they still hold checks too, and stays.
      await new Promise((r) => setTimeout(r, 200));
      expect(other.ended).toBe(false);
    } finally {
      stream.close();
      other.close();
    }
  });
});

/** The signal crosses processes through PostgreSQL NOTIFY: revoked through one server, a stream on another ends. */
describe.skipIf(!DIALECTS.includes('postgres'))('access signals across two server processes on PostgreSQL', () => {
  let db: FreshDatabase;
  let a: OrdoProcess;
  let b: OrdoProcess;
  let ctx: ServiceContext;
  const key = 'ACCESS';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    ctx = { db: db.handle.db, dialect: 'postgres', clock: systemClock, bus: new LocalEventBus() };
    [a, b] = await Promise.all([startOrdo({ databaseUrl: db.url }), startOrdo({ databaseUrl: db.url })]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('ends the stream on one process within a second of a revocation or removal through the other', async () => {
    const { actor: owner } = await seedUser(ctx, {
      name: 'Olga Owner',
      email: 'oo@example.com',
      password: 'correct horse battery',
      isAdmin: true,
    });
    const { id: devId, actor: dev } = await seedUser(ctx, { name: 'Dev', email: 'dev@example.com', password: 'correct horse battery' });
    await seedProduct(ctx, owner, { key, name: 'Access' });
    await setMember(ctx, owner, key, { userId: devId, role: 'developer' });
    const ownerAuth = { authorization: `Bearer ${(await createApiToken(ctx, owner, 'owner')).token}` };
    const first = await createApiToken(ctx, dev, 'first');
    const second = await createApiToken(ctx, dev, 'second');

    const byToken = await SseClient.open(`${a.url}/api/products/${key}/events`, { authorization: `Bearer ${first.token}` });
    const byMembership = await SseClient.open(`${a.url}/api/products/${key}/events`, { authorization: `Bearer ${second.token}` });
    try {
      const revoked = await fetch(`${b.url}/api/tokens/${first.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${first.token}` },
      });
      expect(revoked.status).toBe(204);
      await byToken.until(() => byToken.ended, WITHIN_MS, 'the stream of the revoked token to end');
      expect(byMembership.ended).toBe(false);

      const removed = await fetch(`${b.url}/api/products/${key}/members/${devId}`, { method: 'DELETE', headers: ownerAuth });
      expect(removed.status).toBe(204);
      await byMembership.until(() => byMembership.ended, WITHIN_MS, 'the stream of the removed member to end');
    } finally {
      byToken.close();
      byMembership.close();
    }
  });
});
