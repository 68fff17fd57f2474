/// <reference types="vite/client" />
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildWalkWorld, ok, type Call, type Row, type World } from './roles/walk.js';

/**
 * An archived product is read-only for everyone until it is restored: every write route of the
 * role walk (roles/*.rows.ts, so a new route is covered as soon as it is walked) answers 403 with
 * reason `archived`, even for an admin; reads still answer; restoring is allowed and writes work again.
 */

const modules = import.meta.glob<{ rows: (h: Harness) => Row[] }>('./roles/*.rows.ts', { eager: true });
const rows = (h: Harness): Row[] => Object.values(modules).flatMap((m) => m.rows(h));

/** Routes that change the archive itself: allowed on an archived product. */
const ARCHIVE_ROUTES = new Set(['POST /api/products/:key/archive', 'POST /api/products/:key/unarchive']);

describeEachDialect('an archived product is read-only', (h) => {
  const w = {} as World;
  /** every product of the walk: the main one and those rows make for themselves */
  const products: string[] = [];
  let admin: TestUser;

  beforeAll(async () => {
    Object.assign(w, await buildWalkWorld(h, { onProduct: (key) => products.push(key) }));
    admin = w.users.admin;
  });

  it('refuses every write route with 403 "archived", for an admin too, and still answers reads', async () => {
    const writes = rows(h).filter((r) => r.method !== 'GET' && !r.stream && !ARCHIVE_ROUTES.has(`${r.method} ${r.route}`));
    expect(writes.length).toBeGreaterThan(30);
    // Every fixture first (they write), then archive everything they touched, then try each write.
    const calls: [Row, Call][] = [];
    for (const row of writes) calls.push([row, await row.prepare(w, 'admin')]);
    for (const key of products) await ok(h, admin, { method: 'POST', url: `/api/products/${key}/archive` });
    const lastEvents = () =>
      h.ctx.db.selectFrom('products').select(['key', 'last_event']).where('key', 'in', products).orderBy('key').execute();
    const before = await lastEvents();

    const got: Record<string, string> = {};
    for (const [row, c] of calls) {
      const res = await h.api(admin, { method: c.method ?? row.method, url: c.url, payload: c.payload });
      const reason =
        res.statusCode === 403 ? (res.json() as { error: { details?: { reason?: string } } }).error.details?.reason : undefined;
      got[`${row.method} ${row.route}${row.variant ? ` (${row.variant})` : ''}`] =
        reason === 'archived' ? 'archived' : `${res.statusCode} ${res.body.slice(0, 160)}`;
    }
    // A request that asks for no change (a criterion moved to where it is) may answer as before: nothing is written.
    const noOps = ['PATCH /api/criteria/:id (reorder)'];
    expect(Object.entries(got).filter(([k, v]) => v !== 'archived' && !(noOps.includes(k) && v.startsWith('200')))).toEqual([]);
    expect(await lastEvents()).toEqual(before);

    const read = await h.api(w.users.viewer, { method: 'GET', url: `/api/products/${w.key}/items` });
    expect(read.statusCode).toBe(200);
    const board = await h.api(w.users.developer, { method: 'GET', url: `/api/products/${w.key}/board` });
    expect(board.statusCode).toBe(200);
  });

  it('says why in words, and lets a lead restore it, after which writes work again', async () => {
    const { key, owner } = await h.buildProduct(await h.buildUser({ name: 'Owner' }));
    const lead = await h.buildUser({ name: 'Lead' });
    await h.addMember(key, owner, lead, 'lead');
    await ok(h, lead, { method: 'POST', url: `/api/products/${key}/archive` });
    const refused = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Too late' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(`Product ${key} is archived and read-only until a lead or an admin restores it`);

    const restored = await h.api(lead, { method: 'POST', url: `/api/products/${key}/unarchive` });
    expect(restored.statusCode).toBe(200);
    const created = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Back at it' } });
    expect(created.statusCode).toBe(201);
  });
});
