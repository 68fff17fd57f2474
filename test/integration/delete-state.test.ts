import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { buildBacklog, buildItem, itemActivity, moveTo } from '../support/items.js';

describeEachDialect('DELETE /api/products/:key/states/:id with items in it', (h) => {
  it('moves its items as a move would: history, entry times, done and the cumulative flow all see it', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const created = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: 'Checking', category: 'in_progress' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const checking = created.json().id as number;
    const a = await buildItem(h, owner, key, { title: 'A' });
    const b = await buildItem(h, owner, key, { title: 'B' });
    await moveTo(h, owner, a.key, checking);
    await moveTo(h, owner, b.key, checking);
    const eventsBefore = (await h.api(owner, { method: 'GET', url: `/api/products/${key}` })).json().lastEvent as number;

    h.clock.advance(2 * 86_400_000);
    const res = await h.api(owner, { method: 'DELETE', url: `/api/products/${key}/states/${checking}?moveTo=${state('Done')}` });
    expect(res.statusCode, res.body).toBe(204);

    for (const it of [a, b]) {
      const item = (await h.api(owner, { method: 'GET', url: `/api/items/${it.key}` })).json();
      expect(item.stateId).toBe(state('Done'));
      expect(item.version).toBe(it.version + 2);
      const row = await h.ctx.db
        .selectFrom('items')
        .select(['state_entered_at', 'done_at'])
        .where('key', '=', it.key)
        .executeTakeFirstOrThrow();
      expect(row.state_entered_at).toBe(h.clock.now().toISOString());
      expect(row.done_at).toBe(h.clock.now().toISOString());
      expect((await itemActivity(h, it.key)).at(-1)).toMatchObject({
        action: 'moved',
        before: { stateId: checking, state: 'Checking' },
        after: { stateId: state('Done'), state: 'Done' },
      });
      const history = (await h.api(owner, { method: 'GET', url: `/api/items/${it.key}/history` })).json();
      expect(
        history.items.some((e: { action: string; after: { state?: string } }) => e.action === 'moved' && e.after.state === 'Done'),
      ).toBe(true);
    }
    // Realtime readers follow the log: two item moves and the state's deletion, in order.
    const after = (await h.api(owner, { method: 'GET', url: `/api/products/${key}` })).json().lastEvent as number;
    expect(after - eventsBefore).toBe(3);

    const today = h.clock.now().toISOString().slice(0, 10);
    const cfd = await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?from=${today}&to=${today}` });
    expect(cfd.statusCode, cfd.body).toBe(200);
    const done = cfd.json().states.find((s: { name: string }) => s.name === 'Done');
    expect(done.counts.at(-1)).toBe(2);
  });
});
