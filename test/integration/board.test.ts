import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, member } from '../support/items.js';

const board = (h: Harness, user: TestUser, key: string, headers: Record<string, string> = {}) =>
  h.api(user, { method: 'GET', url: `/api/products/${key}/board`, headers });

describeEachDialect('GET /api/products/:key/board', (h) => {
  it('shows one column per state with WIP limit, exact count, over-limit flag and cards in rank order', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer', 'Dana');
    await h.api(owner, { method: 'PATCH', url: `/api/products/${key}/states/${state('In progress')}`, payload: { wipLimit: 1 } });
    const epic = await buildItem(h, owner, key, { title: 'Checkout', type: 'epic' });
    const a = await buildItem(h, owner, key, {
      title: 'A',
      stateId: state('In progress'),
      parentKey: epic.key,
      labels: ['ux'],
      assigneeId: dev.id,
    });
    const b = await buildItem(h, owner, key, {
      title: 'B',
      stateId: state('In progress'),
      override: true,
      blocked: true,
      blockedReason: 'waiting',
      position: 'top',
    });
    const gone = await buildItem(h, owner, key, { title: 'Gone', stateId: state('In progress'), override: true });
    await h.api(owner, { method: 'DELETE', url: `/api/items/${gone.key}` });

    const res = await board(h, dev, key);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body.columns.map((c: { name: string }) => c.name)).toEqual(['Backlog', 'To do', 'In progress', 'Review', 'Done']);
    const doing = body.columns[2];
    expect(doing).toMatchObject({ stateId: state('In progress'), wipLimit: 1, count: 2, overLimit: true, hasMore: false });
    expect(doing.cards.map((c: { key: string }) => c.key)).toEqual([b.key, a.key]);
    // Only what a card shows, and nothing that is empty.
    expect(doing.cards[1]).toEqual({
      key: a.key,
      type: 'story',
      title: 'A',
      stateId: state('In progress'),
      rank: a.rank,
      labels: ['ux'],
      assigneeId: dev.id,
      parentKey: epic.key,
      blocked: false,
      stateEnteredAt: a.stateEnteredAt,
      version: 1,
    });
    expect(doing.cards[0]).toEqual({
      key: b.key,
      type: 'story',
      title: 'B',
      stateId: state('In progress'),
      rank: b.rank,
      blocked: true,
      blockedReason: 'waiting',
      blockedSince: b.blockedSince,
      stateEnteredAt: b.stateEnteredAt,
      version: 1,
    });
    expect(body.columns[0]).toMatchObject({ count: 1, overLimit: false, cards: [expect.objectContaining({ key: epic.key })] });
    expect(body.users).toEqual(
      expect.arrayContaining([
        { id: dev.id, name: 'Dana' },
        { id: owner.id, name: owner.name },
      ]),
    );
    expect(body.epics).toEqual([{ key: epic.key, title: 'Checkout' }]);
  });

  it('answers If-None-Match with 304 until the product changes', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const item = await buildItem(h, owner, key);
    const first = await board(h, owner, key);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${first.json().lastEvent}"`);
    const again = await board(h, owner, key, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await h.api(owner, { method: 'POST', url: `/api/items/${item.key}/move`, payload: { stateId: state('To do') } });
    const changed = await board(h, owner, key, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().columns[1].cards.map((c: { key: string }) => c.key)).toEqual([item.key]);
  });

  it('sends the first 200 cards of a long backlog column and says there are more', async () => {
    const { key, owner } = await buildBacklog(h);
    const created: string[] = [];
    for (let i = 0; i < 205; i++) created.push((await buildItem(h, owner, key, { title: `T${i}` })).key);
    const backlog = (await board(h, owner, key)).json().columns[0];
    expect(backlog).toMatchObject({ count: 205, hasMore: true });
    expect(backlog.cards.map((c: { key: string }) => c.key)).toEqual(created.slice(0, 200));
  });

  it('shows the board to every member and to no stranger', async () => {
    const { key, owner } = await buildBacklog(h);
    const viewer = await member(h, key, owner, 'viewer');
    expect((await board(h, viewer, key)).statusCode).toBe(200);
    const stranger = await h.buildUser();
    expect((await board(h, stranger, key)).statusCode).toBe(404);
  });
});
