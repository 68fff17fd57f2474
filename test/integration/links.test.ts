import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';

async function items(h: Harness, owner: TestUser, key: string, titles: string[]) {
  const keys: string[] = [];
  for (const title of titles) {
    const res = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title } });
    expect(res.statusCode, res.body).toBe(201);
    keys.push(res.json().key);
  }
  return keys;
}

const links = async (h: Harness, user: TestUser, item: string) => {
  const res = await h.api(user, { method: 'GET', url: `/api/items/${item}/links` });
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

const link = (h: Harness, user: TestUser, item: string, kind: string, other: string) =>
  h.api(user, { method: 'POST', url: `/api/items/${item}/links`, payload: { kind, key: other } });

describeEachDialect('links between items', (h) => {
  it('shows a blocking link on both sides with the right kind, title and state', async () => {
    const { key, owner } = await h.buildProduct();
    const [api, ui, docs] = await items(h, owner, key, ['Statements API', 'Statements page', 'Statements docs']);
    const created = await link(h, owner, api!, 'blocks', ui!);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ kind: 'blocks', key: ui, title: 'Statements page', stateCategory: 'backlog' });
    // "blocked by" said from the other side is the same kind of link.
    expect((await link(h, owner, docs!, 'blocked_by', api!)).statusCode).toBe(201);

    expect(await links(h, owner, api!)).toEqual([
      { kind: 'blocks', key: ui, title: 'Statements page', stateCategory: 'backlog' },
      { kind: 'blocks', key: docs, title: 'Statements docs', stateCategory: 'backlog' },
    ]);
    expect(await links(h, owner, ui!)).toEqual([{ kind: 'blocked_by', key: api, title: 'Statements API', stateCategory: 'backlog' }]);
    expect((await h.api(owner, { method: 'GET', url: `/api/items/${docs}` })).json().links).toEqual([
      expect.objectContaining({ kind: 'blocked_by', key: api }),
    ]);
  });

  it('stores "relates" once and shows it from both sides; a repeat from either side is 409', async () => {
    const { key, owner } = await h.buildProduct();
    const [a, b] = await items(h, owner, key, ['Card form', 'Wallets']);
    expect((await link(h, owner, a!, 'relates', b!)).statusCode).toBe(201);
    expect(await links(h, owner, a!)).toEqual([expect.objectContaining({ kind: 'relates', key: b })]);
    expect(await links(h, owner, b!)).toEqual([expect.objectContaining({ kind: 'relates', key: a })]);
    expect((await link(h, owner, a!, 'relates', b!)).statusCode).toBe(409);
    expect((await link(h, owner, b!, 'relates', a!)).statusCode).toBe(409);
  });

  it('refuses duplicates (409), opposite blocks (422), self-links (400) and items of another product (404)', async () => {
    const { key, owner } = await h.buildProduct();
    const { key: otherKey } = await h.buildProduct(owner);
    const [a, b] = await items(h, owner, key, ['A', 'B']);
    const [foreign] = await items(h, owner, otherKey, ['Elsewhere']);
    expect((await link(h, owner, a!, 'blocks', b!)).statusCode).toBe(201);
    expect((await link(h, owner, b!, 'blocked_by', a!)).statusCode).toBe(409);
    const opposite = await link(h, owner, b!, 'blocks', a!);
    expect(opposite.statusCode).toBe(422);
    expect(opposite.json().error.message).toContain(`${a} already blocks ${b}`);
    const self = await link(h, owner, a!, 'relates', a!);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.fields[0].path).toBe('key');
    // The owner can see both products, yet a link may not cross them.
    const across = await link(h, owner, a!, 'relates', foreign!);
    expect(across.statusCode).toBe(404);
    expect(await links(h, owner, a!)).toEqual([expect.objectContaining({ kind: 'blocks', key: b })]);
  });

  it('removes a link from either side and tells both histories', async () => {
    const { key, owner } = await h.buildProduct();
    const [a, b] = await items(h, owner, key, ['A', 'B']);
    await link(h, owner, a!, 'blocks', b!);
    const removed = await h.api(owner, { method: 'DELETE', url: `/api/items/${b}/links/blocked_by/${a}` });
    expect(removed.statusCode).toBe(204);
    expect(await links(h, owner, a!)).toEqual([]);
    expect(await links(h, owner, b!)).toEqual([]);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/items/${b}/links/blocked_by/${a}` })).statusCode).toBe(404);

    const historyOf = async (item: string) =>
      (await h.api(owner, { method: 'GET', url: `/api/items/${item}/history` }))
        .json()
        .items.filter((r: { entityType: string }) => r.entityType === 'link');
    expect(await historyOf(a!)).toMatchObject([
      { action: 'deleted', before: { kind: 'blocks', key: b } },
      { action: 'created', after: { kind: 'blocks', key: b, title: 'B' } },
    ]);
    expect(await historyOf(b!)).toMatchObject([
      { action: 'deleted', before: { kind: 'blocked_by', key: a } },
      { action: 'created', after: { kind: 'blocked_by', key: a, title: 'A' } },
    ]);
  });

  it('lets the team link items but not a stakeholder (403), and hides links from strangers (404)', async () => {
    const { key, owner } = await h.buildProduct();
    const [a, b] = await items(h, owner, key, ['A', 'B']);
    const qa = await h.buildUser();
    const stakeholder = await h.buildUser();
    await h.addMember(key, owner, qa, 'qa');
    await h.addMember(key, owner, stakeholder, 'stakeholder');
    expect((await link(h, stakeholder, a!, 'relates', b!)).statusCode).toBe(403);
    expect((await link(h, qa, a!, 'relates', b!)).statusCode).toBe(201);
    expect((await h.api(stakeholder, { method: 'DELETE', url: `/api/items/${a}/links/relates/${b}` })).statusCode).toBe(403);
    expect(await links(h, stakeholder, b!)).toHaveLength(1);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${a}/links` })).statusCode).toBe(404);
  });

  it('rejects an unknown kind naming the field', async () => {
    const { key, owner } = await h.buildProduct();
    const [a, b] = await items(h, owner, key, ['A', 'B']);
    const res = await link(h, owner, a!, 'duplicates', b!);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('kind');
  });
});
