import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, edit, moveTo } from '../support/items.js';
import { DAY_MS as DAY } from '../../src/domain/dates.js';

/**
 * A lead over two products, one healthy and one late, and a third they do not lead: the portfolio
 * lists the two, the late one first, each row's numbers equal to the product's data.
 */
describeEachDialect('GET /api/portfolio', (h) => {
  let lead: TestUser;
  let owner: TestUser;
  let admin: TestUser;
  let healthy: string;
  let late: string;
  let other: string;
  let lateRelease: number;

  const publish = async (key: string, health: string) => {
    const d = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/updates/draft` })).json();
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/draft/publish`,
      payload: { version: d.version, health },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    admin = await h.buildUser({ name: 'Ada Admin', isAdmin: true });
    lead = await h.buildUser({ name: 'Lena Lead' });
    owner = await h.buildUser({ name: 'Olivia Owner' });
    const products = [];
    for (const name of ['Healthy', 'Late', 'Other']) {
      const p = await buildBacklog(h, owner);
      products.push(p);
      if (name !== 'Other') await h.addMember(p.key, owner, lead, 'lead');
      await h.ctx.db.updateTable('products').set({ name }).where('key', '=', p.key).execute();
    }
    [healthy, late, other] = products.map((p) => p.key);
    for (let day = 0; day < 21; day++) {
      h.clock.advance(DAY);
      if ((Math.floor(h.clock.now().getTime() / DAY) + 3) % 7 >= 5) continue;
      for (const p of products.slice(0, 2)) await moveTo(h, owner, (await buildItem(h, owner, p.key)).key, p.state('Done'));
    }
    const release = async (key: string, targetDate: string, items: number) => {
      const id = (
        await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: `${key} 1.0`, targetDate } })
      ).json().id;
      for (let i = 0; i < items; i++) await buildItem(h, owner, key, { releaseId: id });
      return id;
    };
    await release(healthy, '2026-06-30', 3);
    lateRelease = await release(late, '2026-03-27', 30);
    // The late product: two blocked items, a column over its limit, a question, a request.
    for (const title of ['Bank API', 'Card vault'])
      await edit(h, owner, (await buildItem(h, owner, late, { title })).key, { blocked: true });
    const inProgress = products[1]!.state('In progress');
    for (let i = 0; i < 2; i++) await moveTo(h, owner, (await buildItem(h, owner, late)).key, inProgress);
    await h.ctx.db.updateTable('workflow_states').set({ wip_limit: 1 }).where('id', '=', inProgress).execute();
    await h.api(owner, { method: 'POST', url: `/api/products/${late}/questions`, payload: { body: 'Do we still need the old API?' } });
    await h.api(owner, {
      method: 'POST',
      url: `/api/products/${late}/requests`,
      payload: { title: 'Apple Pay', customer: 'Acme', impact: 'high' },
    });
    await publish(healthy, 'on_track');
    await publish(late, 'on_track');
    h.clock.advance(DAY);
    await publish(late, 'off_track');
    h.clock.advance(2 * DAY);
  }, 120_000);

  const portfolio = async (user: TestUser) => {
    const res = await h.api(user, { method: 'GET', url: '/api/portfolio' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as any[];
  };

  it('lists the products the lead leads, worst first, with health from the latest update and its age', async () => {
    const rows = await portfolio(lead);
    expect(rows.map((r) => r.productKey)).toEqual([late, healthy]);
    expect(rows[0]).toMatchObject({
      productName: 'Late',
      owners: [{ id: owner.id, name: 'Olivia Owner' }],
      health: { health: 'off_track', ageDays: 2 },
    });
    expect(rows[1].health).toMatchObject({ health: 'on_track', ageDays: 3 });
    expect(rows[0].attention).toBeGreaterThan(rows[1].attention);
  });

  it('gives each release’s forecast against its target, as the release page has it', async () => {
    const [row] = await portfolio(lead);
    const forecast = (await h.api(owner, { method: 'GET', url: `/api/releases/${lateRelease}/forecast` })).json();
    expect(row.releases).toEqual([
      {
        id: lateRelease,
        name: `${late} 1.0`,
        targetDate: '2026-03-27',
        p85Date: forecast.percentiles.find((p: any) => p.percent === 85).date,
        weeksLate: Math.round(forecast.daysLate85 / 7),
        targetProbability: forecast.targetProbability,
        sentence: forecast.message,
      },
    ]);
    expect(row.releases[0].weeksLate).toBeGreaterThan(0);
  });

  it('counts blocked work and its time, WIP against limits, the oldest open question and untriaged requests', async () => {
    const [row, calm] = await portfolio(lead);
    const blocked = await h.ctx.db
      .selectFrom('items')
      .innerJoin('products', 'products.id', 'items.product_id')
      .select('items.blocked_since')
      .where('products.key', '=', late)
      .where('items.blocked', '=', 1)
      .execute();
    const seconds = blocked.reduce((a, b) => a + Math.floor((h.clock.now().getTime() - Date.parse(b.blocked_since!)) / 1000), 0);
    expect(row.blocked).toEqual({ count: 2, seconds });
    expect(row.wip).toEqual([{ state: 'In progress', count: 2, limit: 1 }]);
    expect(row.openQuestions).toBe(1);
    expect(row.oldestOpenQuestion.ageDays).toBe(3);
    expect(row.untriagedRequests).toBe(1);
    expect(calm).toMatchObject({
      blocked: { count: 0, seconds: 0 },
      wip: [],
      oldestOpenQuestion: null,
      openQuestions: 0,
      untriagedRequests: 0,
    });
  });

  it('shows an owner who leads nothing an empty portfolio, and an admin every product', async () => {
    expect(await portfolio(owner)).toEqual([]);
    const all = (await portfolio(admin)).map((r) => r.productKey);
    expect(all).toEqual(expect.arrayContaining([healthy, late, other]));
    expect(all[0]).toBe(late);
  });
});
