import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';

async function product(h: Harness) {
  const { key, owner } = await h.buildProduct();
  const states = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/states` })).json().items as { id: number; name: string }[];
  const state = (name: string) => states.find((s) => s.name === name)!.id;
  return { key, owner, state };
}

async function create(h: Harness, user: TestUser, key: string, payload: Record<string, unknown>) {
  const res = await h.api(user, { method: 'POST', url: `/api/products/${key}/items`, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describeEachDialect('POST /api/products/:key/items and GET /api/items/:key', (h) => {
  it('creates an item with the next key, version 1, in the first state, at the bottom of the backlog', async () => {
    const { key, owner, state } = await product(h);
    const first = await create(h, owner, key, { title: 'Pay by card' });
    const second = await create(h, owner, key, { title: 'Refunds', type: 'bug', estimate: 3, labels: ['money', 'money', 'ux'] });
    expect(first).toMatchObject({ key: `${key}-1`, number: 1, type: 'story', version: 1, stateId: state('Backlog'), stateCategory: 'backlog' });
    expect(second).toMatchObject({ key: `${key}-2`, type: 'bug', estimate: 3, labels: ['money', 'ux'], createdBy: { id: owner.id } });
    expect(second.rank > first.rank).toBe(true);
    const got = await h.api(owner, { method: 'GET', url: `/api/items/${key}-2` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(second);
  });

  it('places a new item at the top or next to a neighbour', async () => {
    const { key, owner } = await product(h);
    const a = await create(h, owner, key, { title: 'A' });
    const b = await create(h, owner, key, { title: 'B' });
    const top = await create(h, owner, key, { title: 'Top', position: 'top' });
    const mid = await create(h, owner, key, { title: 'Mid', after: a.key });
    expect(top.rank < a.rank).toBe(true);
    expect(a.rank < mid.rank && mid.rank < b.rank).toBe(true);
  });

  it('presents an epic with its progress, an assignee by name and the blocked time so far', async () => {
    const { key, owner, state } = await product(h);
    const dev = await h.buildUser({ name: 'Dana Dev' });
    await h.addMember(key, owner, dev, 'developer');
    const epic = await create(h, owner, key, { title: 'Checkout', type: 'epic' });
    expect(epic.progress).toEqual({ total: 0, done: 0 });
    await create(h, owner, key, { title: 'Card form', parentKey: epic.key, stateId: state('Done') });
    const child = await create(h, owner, key, { title: 'Wallets', parentKey: epic.key, assigneeId: dev.id, blocked: true, blockedReason: 'Waiting for Apple' });
    expect(child).toMatchObject({ parentKey: epic.key, assignee: { id: dev.id, name: 'Dana Dev' }, blocked: true, blockedReason: 'Waiting for Apple' });
    h.clock.advance(90_000);
    const got = (await h.api(dev, { method: 'GET', url: `/api/items/${child.key}` })).json();
    expect(got.blockedSeconds).toBe(90);
    const epicNow = (await h.api(dev, { method: 'GET', url: `/api/items/${epic.key}` })).json();
    expect(epicNow.progress).toEqual({ total: 2, done: 1 });
  });

  it('rejects unknown fields and bad references, naming the field', async () => {
    const { key, owner } = await product(h);
    const unknown = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', colour: 'red' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('colour');
    const stranger = await h.buildUser();
    const assignee = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', assigneeId: stranger.id } });
    expect(assignee.statusCode).toBe(400);
    expect(assignee.json().error.details.fields[0].path).toBe('assigneeId');
    const story = await create(h, owner, key, { title: 'not an epic' });
    const parent = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', parentKey: story.key } });
    expect(parent.statusCode).toBe(400);
    expect(parent.json().error.details.fields[0].path).toBe('parentKey');
    const empty = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].path).toBe('title');
    const badNeighbour = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', before: `${key}-999` } });
    expect(badNeighbour.statusCode).toBe(404);
  });

  it('lets stakeholders and viewers read but not create; strangers see nothing', async () => {
    const { key, owner } = await product(h);
    const item = await create(h, owner, key, { title: 'Secret plan' });
    for (const role of ['stakeholder', 'viewer'] as const) {
      const u = await h.buildUser();
      await h.addMember(key, owner, u, role);
      expect((await h.api(u, { method: 'GET', url: `/api/items/${item.key}` })).statusCode).toBe(200);
      expect((await h.api(u, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x' } })).statusCode).toBe(403);
    }
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${item.key}` })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x' } })).statusCode).toBe(404);
  });
});
