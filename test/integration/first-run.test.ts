import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, describeEachDialect, DIALECTS } from '../support/harness.js';
import { buildBacklog, buildItem, member } from '../support/items.js';
import { generateDemo } from '../../src/cli/demo.js';
import { issueSetupToken } from '../../src/services/auth/setup.js';
import { FAVICON_HREF } from '../../src/http/openapi.js';

describeEachDialect('GET /api/auth/session', (h) => {
  it('answers 200 with no user when nobody is signed in, so the sign-in page logs no failed request', async () => {
    const res = await h.api(null, { method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null });
    const revoked = await h.api(null, { method: 'GET', url: '/api/auth/session', headers: { authorization: 'Bearer nope' } });
    expect(revoked.json()).toEqual({ user: null });
  });

  it('answers with the signed-in user and their products, as /api/me does', async () => {
    const { key, owner } = await h.buildProduct();
    const res = await h.api(owner, { method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    const me = await h.api(owner, { method: 'GET', url: '/api/me' });
    expect(res.json()).toEqual({ user: me.json() });
    expect(res.json().user.products.map((p: { key: string }) => p.key)).toContain(key);
  });
});

describeEachDialect('/api/docs', (h) => {
  it("shows the app's icon, so the browser asks for no /favicon.ico", async () => {
    const docs = await h.api(null, { method: 'GET', url: '/api/docs' });
    expect(docs.body).toContain(`<link rel="icon" href="${FAVICON_HREF}">`);
    const index = fs.readFileSync(path.resolve(import.meta.dirname, '../../web/index.html'), 'utf8');
    expect(index.replace(/\s+/g, ' ')).toContain(`href="${FAVICON_HREF}"`);
  });
});

describeEachDialect('where a new item lands, by role', (h) => {
  it('puts an item at the top or next to another for roles that rank the backlog', async () => {
    const { key, owner } = await buildBacklog(h);
    const first = await buildItem(h, owner, key, { title: 'First' });
    const top = await buildItem(h, owner, key, { title: 'Top', position: 'top' });
    expect(top.rank < first.rank).toBe(true);
    const next = await buildItem(h, owner, key, { title: 'Before', before: top.key });
    expect(next.rank < top.rank).toBe(true);
  });

  it("refuses a developer's placement in the backlog's order, whether named the top or before the first item; without one it lands at the bottom", async () => {
    const { key, owner, state } = await buildBacklog(h);
    const first = await buildItem(h, owner, key, { title: 'First' });
    const dev = await member(h, key, owner, 'developer');
    const create = (payload: Record<string, unknown>) =>
      h.api(dev, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Mine', ...payload } });
    for (const placement of [{ position: 'top' }, { before: first.key }, { after: first.key }, { position: 'bottom' }]) {
      const refused = await create(placement);
      expect(refused.statusCode, JSON.stringify(placement)).toBe(403);
      expect(refused.json().error.message).toContain('new items land at the bottom');
    }
    const mine = await create({});
    expect(mine.statusCode).toBe(201);
    expect(mine.json().rank > first.rank).toBe(true);
    // Within a board column, where developers do order their work, a placement is theirs to give.
    const inColumn = await create({ stateId: state('To do'), position: 'top' });
    expect(inColumn.statusCode, inColumn.body).toBe(201);
  });
});

for (const dialect of DIALECTS) {
  describe(`ordo demo before the first admin [${dialect}]`, () => {
    it('leaves first-run setup open, and shows WIP limits, Ready and Done rules, blocked work with reasons and aging cards', async () => {
      const h = await createHarness(dialect);
      try {
        const demo = await generateDemo(h.ctx, {});
        expect((await h.api(null, { method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: true });
        const token = await issueSetupToken(h.ctx);
        expect(token).toBeTruthy();
        const form = { token: token!, email: 'admin@example.com', name: 'Admin', password: 'first admin pw' };
        const setup = await h.api(null, { method: 'POST', url: '/api/setup', payload: form });
        expect(setup.statusCode, setup.body).toBe(201);
        expect((await h.api(null, { method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: false });

        const admin = await h.buildUser({ isAdmin: true });
        const get = async (url: string) => {
          const res = await h.api(admin, { method: 'GET', url });
          expect(res.statusCode, res.body).toBe(200);
          return res.json();
        };
        const product = await get(`/api/products/${demo.productKey}`);
        const byName = Object.fromEntries(product.states.map((s: { name: string }) => [s.name, s]));
        expect(byName['In progress']).toMatchObject({ wipLimit: expect.any(Number), entryRules: ['ready.estimate', 'ready.not_blocked'] });
        expect(byName['Done'].entryRules).toEqual(['done.criteria_accepted']);
        const board = await get(`/api/products/${demo.productKey}/board`);
        const cards = board.columns.flatMap((c: { cards: unknown[] }) => c.cards) as Array<{
          blocked: boolean;
          blockedReason: string | null;
        }>;
        const blocked = cards.filter((c) => c.blocked);
        expect(blocked.length).toBeGreaterThanOrEqual(2);
        for (const b of blocked) expect(b.blockedReason).toBeTruthy();
        const aging = await get(`/api/products/${demo.productKey}/reports/aging`);
        expect(Math.max(...aging.beyond)).toBe(95);
      } finally {
        await h.close();
      }
    }, 120_000);
  });
}

describeEachDialect("the server's refusals in words", (h) => {
  it('keeps each field path with the end of a sentence about it, for the client to name the field', async () => {
    const { key, owner } = await buildBacklog(h);
    const fieldsOf = async (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) => {
      const res = await h.api(owner, { method, url, payload });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.fields;
    };
    expect(await fieldsOf('POST', '/api/products', { key: 'WORDS', name: '  ' })).toEqual([{ path: 'name', message: 'is required' }]);
    const item = await buildItem(h, owner, key, { title: 'Sized' });
    expect(await fieldsOf('PATCH', `/api/items/${item.key}`, { estimate: -1, version: item.version })).toEqual([
      { path: 'estimate', message: 'cannot be negative' },
    ]);
    expect(await fieldsOf('POST', `/api/products/${key}/items`, {})).toEqual([{ path: 'title', message: 'is required' }]);
    const sprint = await fieldsOf('POST', `/api/products/${key}/sprints`, { name: 'S', startDate: '2026-03-10', endDate: '2026-03-01' });
    expect(sprint).toEqual([{ path: 'endDate', message: 'must not be before startDate' }]);
  });
});
