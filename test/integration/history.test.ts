import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';

async function setUp(h: Harness) {
  const owner = await h.buildUser({ name: 'Ann Owner' });
  const { key } = await h.buildProduct(owner);
  const dev = await h.buildUser({ name: 'Sam Dev' });
  await h.addMember(key, owner, dev, 'developer');
  const states = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/states` })).json().items as { id: number; name: string }[];
  const state = (name: string) => states.find((s) => s.name === name)!.id;
  return { key, owner, dev, state };
}

async function ok(h: Harness, user: TestUser, method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) {
  const res = await h.api(user, { method, url, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

describeEachDialect('item history and the product audit trail', (h) => {
  it('lists create, update, move and comment newest first, each with its actor and what changed', async () => {
    const { key, owner, dev, state } = await setUp(h);
    const item = await ok(h, owner, 'POST', `/api/products/${key}/items`, { title: 'Refund to card' });
    h.clock.advance(60_000);
    await ok(h, dev, 'PATCH', `/api/items/${item.key}`, { title: 'Refund to original card', version: item.version });
    h.clock.advance(60_000);
    await ok(h, dev, 'POST', `/api/items/${item.key}/move`, { stateId: state('To do') });
    h.clock.advance(60_000);
    await ok(h, owner, 'POST', `/api/items/${item.key}/comments`, { body: 'Thanks!' });

    const res = await h.api(dev, { method: 'GET', url: `/api/items/${item.key}/history` });
    expect(res.statusCode).toBe(200);
    const rows = res.json().items;
    expect(
      rows.map((r: { entityType: string; action: string; actor: { name: string } }) => [r.entityType, r.action, r.actor.name]),
    ).toEqual([
      ['comment', 'created', 'Ann Owner'],
      ['item', 'moved', 'Sam Dev'],
      ['item', 'updated', 'Sam Dev'],
      ['item', 'created', 'Ann Owner'],
    ]);
    expect(rows[1]).toMatchObject({ itemKey: item.key, productKey: key, before: { state: 'Backlog' }, after: { state: 'To do' } });
    expect(rows[2]).toMatchObject({ before: { title: 'Refund to card' }, after: { title: 'Refund to original card' } });
    expect(rows[0].at > rows[1].at && rows[1].at > rows[2].at).toBe(true);
    expect(res.json().nextCursor).toBeNull();
  });

  it("keeps each item's history to itself and pages through it", async () => {
    const { key, owner } = await setUp(h);
    const item = await ok(h, owner, 'POST', `/api/products/${key}/items`, { title: 'Talkative' });
    const other = await ok(h, owner, 'POST', `/api/products/${key}/items`, { title: 'Quiet' });
    for (let i = 1; i <= 4; i++) {
      await ok(h, owner, 'POST', `/api/items/${item.key}/comments`, { body: `Note ${i}` });
      await ok(h, owner, 'POST', `/api/items/${other.key}/comments`, { body: `Aside ${i}` });
    }
    const bodies: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.api(owner, { method: 'GET', url: `/api/items/${item.key}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      bodies.push(...res.json().items.map((r: { after: { body?: string; title?: string } }) => r.after.body ?? r.after.title));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(bodies).toEqual(['Note 4', 'Note 3', 'Note 2', 'Note 1', 'Talkative']);
  });

  it("shows a product's audit trail newest first, filtered by kind of thing", async () => {
    const { key, owner, dev } = await setUp(h);
    const item = await ok(h, owner, 'POST', `/api/products/${key}/items`, { title: 'Statements' });
    await ok(h, dev, 'POST', `/api/items/${item.key}/criteria`, { text: 'One row per payment' });
    await ok(h, dev, 'POST', `/api/items/${item.key}/comments`, { body: 'On it' });

    const all = (await h.api(dev, { method: 'GET', url: `/api/products/${key}/activity` })).json().items;
    expect(all.slice(0, 3).map((r: { entityType: string }) => r.entityType)).toEqual(['comment', 'criterion', 'item']);
    // Adding the developer is in the trail too, as is creating the product.
    expect(all.map((r: { entityType: string }) => r.entityType)).toEqual(expect.arrayContaining(['member', 'product']));
    const ids = all.map((r: { id: number }) => r.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const some = (await h.api(dev, { method: 'GET', url: `/api/products/${key}/activity?entityType=item,criterion` })).json().items;
    expect(some.map((r: { entityType: string; action: string }) => `${r.entityType} ${r.action}`)).toEqual([
      'criterion created',
      'item created',
    ]);
  });

  it('keeps the history of a deleted item readable', async () => {
    const { key, owner } = await setUp(h);
    const item = await ok(h, owner, 'POST', `/api/products/${key}/items`, { title: 'Short-lived' });
    expect((await h.api(owner, { method: 'DELETE', url: `/api/items/${item.key}` })).statusCode).toBe(204);
    const rows = (await h.api(owner, { method: 'GET', url: `/api/items/${item.key}/history` })).json().items;
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['deleted', 'created']);
  });

  it('hides history and the audit trail from someone without a role (404)', async () => {
    const { key, owner } = await setUp(h);
    const item = await ok(h, owner, 'POST', `/api/products/${key}/items`, { title: 'Secret' });
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${item.key}/history` })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'GET', url: `/api/products/${key}/activity` })).statusCode).toBe(404);
  });
});
