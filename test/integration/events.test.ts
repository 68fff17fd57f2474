import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { SseClient } from '../support/sse.js';
import { updateProduct } from '../../src/services/products/update-product.js';

describeEachDialect('GET /api/products/:key/events', (h) => {
  let base = '';
  beforeAll(async () => {
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  const open = (key: string, user: TestUser, headers: Record<string, string> = {}, query = '') =>
    SseClient.open(`${base}/api/products/${key}/events${query}`, { ...user.auth, ...headers });

  let stateCount = 0;
  const addState = async (key: string, owner: TestUser) => {
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: `Step ${++stateCount}`, category: 'in_progress' },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; name: string };
  };
  const lastEvent = async (key: string) =>
    (await h.ctx.db.selectFrom('products').select('last_event').where('key', '=', key).executeTakeFirstOrThrow()).last_event;

  it('streams each change as an activity event, numbered one apart, starting with what happens after connecting', async () => {
    const { key, owner } = await h.buildProduct();
    const before = await lastEvent(key);
    const stream = await open(key, owner);
    try {
      expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.response.headers.get('cache-control')).toBe('no-cache');
      const states = [await addState(key, owner), await addState(key, owner), await addState(key, owner)];
      const events = await stream.activities(3);
      expect(events.map((e) => e.id)).toEqual([before + 1, before + 2, before + 3]);
      expect(events.map((e) => [e.entityType, e.action, e.entityId])).toEqual(states.map((s) => ['state', 'created', s.id]));
      expect(events[0]).toMatchObject({ productKey: key, actor: { id: owner.id, name: owner.name }, after: { name: states[0]!.name } });
      expect(stream.retry).toBe(2000);
    } finally {
      stream.close();
    }
  });

  it('gives a client that reconnects with Last-Event-ID exactly what it missed, in order, once', async () => {
    const { key, owner } = await h.buildProduct();
    const first = await open(key, owner);
    await addState(key, owner);
    const [seen] = await first.activities(1);
    first.close();

    const missed = [await addState(key, owner), await addState(key, owner), await addState(key, owner)];
    const again = await open(key, owner, { 'last-event-id': String(seen!.id) });
    try {
      const caughtUp = await again.activities(3);
      expect(caughtUp.map((e) => e.id)).toEqual([seen!.id + 1, seen!.id + 2, seen!.id + 3]);
      expect(caughtUp.map((e) => e.entityId)).toEqual(missed.map((s) => s.id));
      // Live changes continue right after the missed ones, with nothing repeated in between.
      await addState(key, owner);
      const [live] = await again.activities(1);
      expect(live!.id).toBe(seen!.id + 4);
    } finally {
      again.close();
    }
  });

  it('resumes from ?after=N for clients that cannot set headers, and catches up a long log in order', async () => {
    const { key, owner } = await h.buildProduct();
    for (let i = 0; i < 260; i++) await updateProduct(h.ctx, owner.actor, key, { name: `Name ${i}` });
    const total = await lastEvent(key);
    const stream = await open(key, owner, {}, '?after=0');
    try {
      const events = await stream.activities(total, 15_000);
      expect(events.map((e) => e.id)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(events.at(-1)).toMatchObject({ entityType: 'product', action: 'updated', after: { name: 'Name 259' } });
    } finally {
      stream.close();
    }
  });

  it('lets a viewer subscribe with the session cookie, and hides the product from a stranger (404)', async () => {
    const { key, owner } = await h.buildProduct();
    const viewer = await h.buildUser();
    await h.addMember(key, owner, viewer, 'viewer');
    const login = await h.api(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: viewer.email, password: viewer.password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const stream = await SseClient.open(`${base}/api/products/${key}/events`, { cookie });
    try {
      await addState(key, owner);
      const [event] = await stream.activities(1);
      expect(event).toMatchObject({ entityType: 'state', action: 'created' });
    } finally {
      stream.close();
    }

    const stranger = await h.buildUser();
    const hidden = await fetch(`${base}/api/products/${key}/events`, { headers: stranger.auth });
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).error.code).toBe('not_found');
    const anonymous = await fetch(`${base}/api/products/${key}/events`);
    expect(anonymous.status).toBe(401);
  });

  it('rejects a Last-Event-ID that is not an event number, naming the header', async () => {
    const { key, owner } = await h.buildProduct();
    const res = await fetch(`${base}/api/products/${key}/events`, { headers: { ...owner.auth, 'last-event-id': 'yesterday' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields[0].path).toBe('Last-Event-ID');
  });

  it('tells a client whose Last-Event-ID is ahead of the log (a restored database) to reload', async () => {
    const { key, owner } = await h.buildProduct();
    const current = await lastEvent(key);
    const stream = await open(key, owner, { 'last-event-id': String(current + 100) });
    try {
      const [reset] = await stream.take(1);
      expect(reset).toMatchObject({ event: 'reset', id: String(current) });
      await addState(key, owner);
      const [next] = await stream.activities(1);
      expect(next!.id).toBe(current + 1);
    } finally {
      stream.close();
    }
  });
});
