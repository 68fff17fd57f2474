import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { freeKey, generateDemo, type DemoResult } from '../../src/cli/demo.js';
import { AppError } from '../../src/domain/errors.js';

describeEachDialect('ordo demo', (h) => {
  let demo: DemoResult;
  let admin: TestUser;
  const get = async (url: string) => {
    const res = await h.api(admin, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    demo = await generateDemo(h.ctx, {});
    admin = await h.buildUser({ isAdmin: true });
  }, 120_000);

  it('creates a product with people in every role, and prints how to sign in', async () => {
    expect(demo.productKey).toBe('DEMO');
    expect(demo.users.map((u) => u.role).sort()).toEqual(['developer', 'developer', 'developer', 'owner', 'qa', 'stakeholder', 'viewer']);
    const owner = demo.users.find((u) => u.role === 'owner')!;
    const login = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: owner.password } });
    expect(login.statusCode, login.body).toBe(200);
    const product = await get('/api/products/DEMO');
    expect(product.members).toHaveLength(8);
    expect(product.epics).toHaveLength(6);
    expect(product.labels.length).toBeGreaterThan(3);
  });

  it('has a few hundred items of every type, with history, comments, criteria and blocked work', async () => {
    expect(demo.items).toBeGreaterThan(250);
    const items = h.ctx.db.selectFrom('items').innerJoin('products', 'products.id', 'items.product_id').where('products.key', '=', 'DEMO');
    // What `ordo demo` prints is what the product holds, the items the team's part adds included.
    const stored = await items
      .where('items.deleted_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(demo.items).toBe(Number(stored.n));
    const types = await items.select('items.type').distinct().execute();
    expect(types.map((t) => t.type).sort()).toEqual(['bug', 'epic', 'spike', 'story', 'task']);
    const blocked = await items.select(['items.key', 'items.blocked_reason']).where('items.blocked', '=', 1).execute();
    for (const b of blocked) expect(b.blocked_reason).toBeTruthy();
    const everBlocked = await items.select('items.key').where('items.blocked_seconds', '>', 0).execute();
    expect(blocked.length + everBlocked.length).toBeGreaterThan(3);
    const comments = await h.ctx.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(comments.n)).toBeGreaterThan(50);
    const criteria = await h.ctx.db
      .selectFrom('acceptance_criteria')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accepted', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(criteria.n)).toBeGreaterThan(20);
    // Every timestamp is in the past of the real "now" the generator ran at.
    const latest = await h.ctx.db
      .selectFrom('activity')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .executeTakeFirstOrThrow();
    expect(String(latest.at) <= h.clock.now().toISOString()).toBe(true);
  });

  it('runs six two-week sprints, five closed with velocity and one active', async () => {
    const sprints = (await get('/api/products/DEMO/sprints')).items;
    expect(sprints.map((s: { state: string }) => s.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'active']);
    const velocity = await get('/api/products/DEMO/velocity');
    for (const s of velocity.sprints) expect(s.points).toBeGreaterThan(20);
    const active = await get(`/api/sprints/${sprints[5].id}`);
    expect(active.burndown.dates.length).toBeGreaterThan(5);
    expect(active.progress.items.done).toBeGreaterThan(0);
  });

  it('fills every chart', async () => {
    const cfd = await get('/api/products/DEMO/reports/cfd');
    const done = cfd.states.find((s: { category: string }) => s.category === 'done').counts;
    expect(done.at(-1)).toBeGreaterThan(done[0]);
    expect((await get('/api/products/DEMO/reports/cycle-time')).numbers.length).toBeGreaterThan(50);
    const throughput = await get('/api/products/DEMO/reports/throughput');
    expect(throughput.items.filter((n: number) => n > 0).length).toBeGreaterThan(8);
    expect((await get('/api/products/DEMO/reports/aging')).keys.length).toBeGreaterThan(3);
  });

  it('ships the first release and forecasts the second honestly late', async () => {
    const [first, second] = demo.releases;
    expect((await get(`/api/releases/${first.id}`)).releasedAt).not.toBeNull();
    const f = await get(`/api/releases/${second.id}/forecast`);
    expect(f.status).toBe('ok');
    expect(f.daysLate85).toBeGreaterThanOrEqual(14);
    expect(f.targetProbability).toBeLessThan(0.05);
    expect(f.message).toMatch(/weeks after the target/);
    const burnup = (await get(`/api/releases/${second.id}`)).burnup;
    expect(burnup.scopeChanges.filter((c: { change: string }) => c.change === 'added').length).toBeGreaterThan(10);
  });

  it('has questions (some old), a decision log with a superseded decision, voted requests from several customers and unread notifications for the owner', async () => {
    const open = await get('/api/products/DEMO/questions?state=open');
    expect(open.total).toBeGreaterThanOrEqual(4);
    const ageDays = (iso: string) => (h.clock.now().getTime() - Date.parse(iso)) / 86_400_000;
    expect(open.items.filter((q: { createdAt: string }) => ageDays(q.createdAt) > 7).length).toBeGreaterThanOrEqual(2);
    const decisions = (await get('/api/products/DEMO/decisions')).items;
    expect(decisions.length).toBeGreaterThanOrEqual(4);
    expect(decisions.some((d: { supersededBy: unknown }) => d.supersededBy)).toBe(true);
    const linked = await get('/api/products/DEMO/requests?state=linked&sort=votes');
    expect(linked.total).toBeGreaterThanOrEqual(3);
    expect(linked.items[0].votes).toBeGreaterThanOrEqual(2);
    expect((await get('/api/products/DEMO/requests?state=declined')).total).toBe(1);
    expect((await get('/api/products/DEMO/requests?state=new')).total).toBeGreaterThanOrEqual(2);
    const customers = new Set(linked.items.flatMap((r: { customers: string[] }) => r.customers));
    expect(customers.size).toBeGreaterThanOrEqual(3);
    const owner = demo.users.find((u) => u.role === 'owner')!;
    const login = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: owner.password } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const bell = await h.api(null, { method: 'GET', url: '/api/notifications?unread=true', headers: { cookie } });
    expect(bell.json().unread).toBeGreaterThanOrEqual(3);
    const inbox = await h.api(null, { method: 'GET', url: '/api/inbox', headers: { cookie } });
    expect(inbox.json().questions.total).toBeGreaterThanOrEqual(4);
    expect(inbox.json().mentions.total).toBeGreaterThanOrEqual(1);
  });

  it('has a lead over the late demo product and a healthy one, updates whose health slides, and a share link that opens', async () => {
    const { lead, healthy, sharePath } = demo.reporting;
    const login = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: lead.email, password: lead.password } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const portfolio = (await h.api(null, { method: 'GET', url: '/api/portfolio', headers: { cookie } })).json().items;
    expect(portfolio.map((r: { productKey: string }) => r.productKey)).toEqual(['DEMO', healthy.key]);
    expect(portfolio.map((r: { health: { health: string } }) => r.health.health)).toEqual(['off_track', 'on_track']);
    expect(portfolio[0].releases.find((r: { name: string }) => r.name === demo.lateRelease.name).weeksLate).toBeGreaterThan(0);
    const updates = (await get('/api/products/DEMO/updates')).items.map((u: { health: string }) => u.health);
    expect(updates).toEqual(['off_track', 'at_risk', 'on_track']);
    const page = await h.api(null, { method: 'GET', url: sharePath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(demo.lateRelease.sentence);
  });

  it('refuses to run again on a database that has the product', async () => {
    const again = generateDemo(h.ctx, {});
    await expect(again).rejects.toBeInstanceOf(AppError);
    await expect(again).rejects.toThrow(/DEMO already exists.*--force/);
  });

  it('with --force, builds the demo under the next free key instead', async () => {
    expect(await freeKey(h.ctx, 'DEMO', true)).toBe('DEMO2');
    await h.buildProduct(admin, { key: 'DEMO2' });
    expect(await freeKey(h.ctx, 'DEMO', true)).toBe('DEMO3');
    expect(await freeKey(h.ctx, 'FRESH', false)).toBe('FRESH');
  });
});
