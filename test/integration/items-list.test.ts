import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, buildSprintAndRelease, member } from '../support/items.js';
import { sqliteSearchCondition } from '../../src/db/search.js';

const list = async (h: Harness, user: TestUser, productKey: string, query = '') => {
  const res = await h.api(user, { method: 'GET', url: `/api/products/${productKey}/items${query ? `?${query}` : ''}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { key: string; title: string; rank: string; wsjf: number | null }[];
    nextCursor: string | null;
    total?: number;
  };
};
const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);

describeEachDialect('GET /api/products/:key/items', (h) => {
  it('walks 250 items page by page in exact rank order, with no duplicates', async () => {
    const { key, owner } = await buildBacklog(h);
    for (let i = 0; i < 250; i++) {
      // Every third item goes on top, so rank order differs from creation order.
      await buildItem(h, owner, key, { title: `T${i}`, ...(i % 3 === 0 ? { position: 'top' } : {}) });
    }
    const expected = (
      await h.ctx.db
        .selectFrom('items')
        .innerJoin('products', 'products.id', 'items.product_id')
        .select('items.key')
        .where('products.key', '=', key)
        .orderBy('items.rank')
        .execute()
    ).map((r) => r.key);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(h, owner, key, `limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBeUndefined();
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect((await list(h, owner, key, 'limit=10&count=true')).total).toBe(250);
  });

  it('filters by type, state, category, label, assignee, epic, sprint, release and blocked', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer');
    const { sprintId, releaseId } = await buildSprintAndRelease(h, owner, key);
    const epic = await buildItem(h, owner, key, { title: 'Epic', type: 'epic' });
    await buildItem(h, owner, key, { title: 'Bug', type: 'bug', labels: ['ux'], assigneeId: dev.id });
    await buildItem(h, owner, key, { title: 'Child', parentKey: epic.key, labels: ['api'], sprintId });
    await buildItem(h, owner, key, { title: 'Doing', stateId: state('In progress'), releaseId, blocked: true, blockedReason: 'waiting' });
    await buildItem(h, owner, key, { title: 'Shipped', stateId: state('Done'), labels: ['ux', 'api'] });
    const gone = await buildItem(h, owner, key, { title: 'Gone' });
    await h.api(owner, { method: 'DELETE', url: `/api/items/${gone.key}` });

    expect(titles(await list(h, owner, key))).toEqual(['Epic', 'Bug', 'Child', 'Doing', 'Shipped']);
    expect(titles(await list(h, owner, key, 'type=bug,epic'))).toEqual(['Epic', 'Bug']);
    expect(titles(await list(h, owner, key, `state=${state('In progress')},${state('Done')}`))).toEqual(['Doing', 'Shipped']);
    expect(titles(await list(h, owner, key, 'stateCategory=backlog'))).toEqual(['Epic', 'Bug', 'Child']);
    expect(titles(await list(h, owner, key, 'label=api'))).toEqual(['Child', 'Shipped']);
    expect(titles(await list(h, owner, key, 'label=ux,api'))).toEqual(['Bug', 'Child', 'Shipped']);
    expect(titles(await list(h, owner, key, `assignee=${dev.id}`))).toEqual(['Bug']);
    expect(titles(await list(h, owner, key, `assignee=${dev.id},none`))).toHaveLength(5);
    expect(titles(await list(h, owner, key, 'assignee=none'))).toEqual(['Epic', 'Child', 'Doing', 'Shipped']);
    expect(titles(await list(h, owner, key, `epic=${epic.key}`))).toEqual(['Child']);
    expect(titles(await list(h, owner, key, `sprint=${sprintId}`))).toEqual(['Child']);
    expect(titles(await list(h, owner, key, 'sprint=none'))).toEqual(['Epic', 'Bug', 'Doing', 'Shipped']);
    expect(titles(await list(h, owner, key, `release=${releaseId}`))).toEqual(['Doing']);
    expect(titles(await list(h, owner, key, 'blocked=true'))).toEqual(['Doing']);
    expect(titles(await list(h, owner, key, 'blocked=false&type=story'))).toEqual(['Child', 'Shipped']);
    expect(titles(await list(h, owner, key, 'deleted=true'))).toEqual(['Gone']);
  });

  it('finds a word in the description, a key, and the last word as a prefix', async () => {
    const { key, owner } = await buildBacklog(h);
    await buildItem(h, owner, key, { title: 'Card payments', description: 'Customers pay with **Visa** and Mastercard.' });
    const wallet = await buildItem(h, owner, key, { title: 'Wallets', description: 'Apple Pay and Google Pay' });
    await buildItem(h, owner, key, { title: 'Invoices' });
    expect(titles(await list(h, owner, key, 'q=visa'))).toEqual(['Card payments']);
    expect(titles(await list(h, owner, key, 'q=mastercard%20customers'))).toEqual(['Card payments']);
    expect(titles(await list(h, owner, key, 'q=goo'))).toEqual(['Wallets']);
    expect(titles(await list(h, owner, key, 'q=pay'))).toEqual(['Card payments', 'Wallets']);
    expect(titles(await list(h, owner, key, `q=${wallet.key}`))).toEqual(['Wallets']);
    expect(titles(await list(h, owner, key, `q=${encodeURIComponent('"); DROP TABLE items; --')}`))).toEqual([]);
  });

  it('on SQLite, finds the same page whether it sorts the matches or walks the rank order', async () => {
    if (h.dialect !== 'sqlite') return;
    const { key, owner } = await buildBacklog(h);
    for (const t of ['Pay by card', 'Invoices', 'Payouts', 'Pay later', 'Refunds']) await buildItem(h, owner, key, { title: t });
    const { id } = await h.ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow();
    const pageWith = async ({ condition }: NonNullable<Awaited<ReturnType<typeof sqliteSearchCondition>>>) =>
      (await h.ctx.db.selectFrom('items').select('title').where('product_id', '=', id).where(condition).orderBy('rank').execute()).map(
        (r) => r.title,
      );
    const sorted = await pageWith((await sqliteSearchCondition(h.ctx.db, 'pay', 1000))!);
    const walked = await pageWith((await sqliteSearchCondition(h.ctx.db, 'pay', 2))!);
    expect(sorted).toEqual(['Pay by card', 'Payouts', 'Pay later']);
    expect(walked).toEqual(sorted);
  });

  it('sorts by WSJF as advice: highest first, unscored last, ties in rank order', async () => {
    const { key, owner } = await buildBacklog(h);
    const score = (bv: number, js: number) => ({ businessValue: bv, timeCriticality: 0, riskReduction: 0, jobSize: js });
    await buildItem(h, owner, key, { title: 'Unscored' });
    await buildItem(h, owner, key, { title: 'Two', ...score(8, 4) });
    await buildItem(h, owner, key, { title: 'Ten', ...score(10, 1) });
    await buildItem(h, owner, key, { title: 'Also two', ...score(4, 2) });
    const page1 = await list(h, owner, key, 'sort=wsjf&limit=2');
    expect(titles(page1)).toEqual(['Ten', 'Two']);
    expect(page1.items.map((i) => i.wsjf)).toEqual([10, 2]);
    const page2 = await list(h, owner, key, `sort=wsjf&limit=2&cursor=${page1.nextCursor}`);
    expect(titles(page2)).toEqual(['Also two', 'Unscored']);
    expect(page2.nextCursor).toBeNull();
  });

  it('rejects bad filters and cursors naming the field, and hides the product from strangers', async () => {
    const { key, owner } = await buildBacklog(h);
    const bad = async (query: string, field: string) => {
      const res = await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?${query}` });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe(field);
    };
    await bad('cursor=nonsense', 'cursor');
    await bad('type=saga', 'type');
    await bad('stateCategory=doing', 'stateCategory');
    await bad('assignee=bob', 'assignee');
    await bad('limit=501', 'limit');
    await bad('colour=red', 'query');
    const viewer = await member(h, key, owner, 'viewer');
    expect((await list(h, viewer, key)).items).toEqual([]);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/products/${key}/items` })).statusCode).toBe(404);
  });
});

describeEachDialect('GET /api/products/:key/items, read again after changes', (h) => {
  it('shows an edit, a move and a new item on the very next read, and still hides the product from strangers', async () => {
    const { key, owner } = await buildBacklog(h);
    const a = await buildItem(h, owner, key, { title: 'Alpha' });
    await buildItem(h, owner, key, { title: 'Beta' });
    expect(titles(await list(h, owner, key))).toEqual(['Alpha', 'Beta']);
    expect(titles(await list(h, owner, key))).toEqual(['Alpha', 'Beta']);
    await h.api(owner, { method: 'PATCH', url: `/api/items/${a.key}`, payload: { title: 'Alpha renamed', version: a.version } });
    expect(titles(await list(h, owner, key))).toEqual(['Alpha renamed', 'Beta']);
    await h.api(owner, { method: 'POST', url: `/api/items/${a.key}/move`, payload: { position: 'bottom' } });
    expect(titles(await list(h, owner, key))).toEqual(['Beta', 'Alpha renamed']);
    await buildItem(h, owner, key, { title: 'Gamma', position: 'top' });
    expect(titles(await list(h, owner, key))).toEqual(['Gamma', 'Beta', 'Alpha renamed']);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/products/${key}/items` })).statusCode).toBe(404);
  });
});
