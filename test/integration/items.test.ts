import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, buildSprintAndRelease, itemActivity, member } from '../support/items.js';

const patch = (h: Harness, user: TestUser, key: string, payload: Record<string, unknown>, headers?: Record<string, string>) =>
  h.api(user, { method: 'PATCH', url: `/api/items/${key}`, payload, headers });

async function addState(h: Harness, owner: TestUser, key: string, payload: Record<string, unknown>) {
  const res = await h.api(owner, { method: 'POST', url: `/api/products/${key}/states`, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describeEachDialect('POST /api/products/:key/items and GET /api/items/:key', (h) => {
  it('creates an item with the next key, version 1, in the first state, at the bottom of the backlog', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const first = await buildItem(h, owner, key, { title: 'Pay by card' });
    const second = await buildItem(h, owner, key, { title: 'Refunds', type: 'bug', estimate: 3, labels: ['money', 'money', 'ux'] });
    expect(first).toMatchObject({
      key: `${key}-1`,
      number: 1,
      type: 'story',
      version: 1,
      stateId: state('Backlog'),
      stateCategory: 'backlog',
    });
    expect(second).toMatchObject({ key: `${key}-2`, type: 'bug', estimate: 3, labels: ['money', 'ux'], createdBy: { id: owner.id } });
    expect(second.rank > first.rank).toBe(true);
    const got = await h.api(owner, { method: 'GET', url: `/api/items/${key}-2` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(second);
    expect((await itemActivity(h, second.key)).map((a) => a.action)).toEqual(['created']);
  });

  it('places a new item at the top or next to a neighbour', async () => {
    const { key, owner } = await buildBacklog(h);
    const a = await buildItem(h, owner, key, { title: 'A' });
    const b = await buildItem(h, owner, key, { title: 'B' });
    const top = await buildItem(h, owner, key, { title: 'Top', position: 'top' });
    const mid = await buildItem(h, owner, key, { title: 'Mid', after: a.key });
    expect(top.rank < a.rank).toBe(true);
    expect(a.rank < mid.rank && mid.rank < b.rank).toBe(true);
  });

  it('presents an epic with its progress, an assignee by name and the blocked time so far', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer', 'Dana Dev');
    const epic = await buildItem(h, owner, key, { title: 'Checkout', type: 'epic' });
    expect(epic.progress).toEqual({ total: 0, done: 0 });
    await buildItem(h, owner, key, { title: 'Card form', parentKey: epic.key, stateId: state('Done') });
    const child = await buildItem(h, owner, key, {
      title: 'Wallets',
      parentKey: epic.key,
      assigneeId: dev.id,
      blocked: true,
      blockedReason: 'Waiting for Apple',
    });
    expect(child).toMatchObject({
      parentKey: epic.key,
      assignee: { id: dev.id, name: 'Dana Dev' },
      blocked: true,
      blockedReason: 'Waiting for Apple',
    });
    h.clock.advance(90_000);
    const got = (await h.api(dev, { method: 'GET', url: `/api/items/${child.key}` })).json();
    expect(got.blockedSeconds).toBe(90);
    const epicNow = (await h.api(dev, { method: 'GET', url: `/api/items/${epic.key}` })).json();
    expect(epicNow.progress).toEqual({ total: 2, done: 1 });
  });

  it('rejects unknown fields and bad references, naming the field', async () => {
    const { key, owner } = await buildBacklog(h);
    const unknown = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', colour: 'red' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('colour');
    const stranger = await h.buildUser();
    const assignee = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/items`,
      payload: { title: 'x', assigneeId: stranger.id },
    });
    expect(assignee.statusCode).toBe(400);
    expect(assignee.json().error.details.fields[0].path).toBe('assigneeId');
    const story = await buildItem(h, owner, key, { title: 'not an epic' });
    const parent = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', parentKey: story.key } });
    expect(parent.statusCode).toBe(400);
    expect(parent.json().error.details.fields[0].path).toBe('parentKey');
    const empty = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].path).toBe('title');
    const twoPlaces = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/items`,
      payload: { title: 'x', position: 'top', after: story.key },
    });
    expect(twoPlaces.statusCode).toBe(400);
    const badNeighbour = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/items`,
      payload: { title: 'x', before: `${key}-999` },
    });
    expect(badNeighbour.statusCode).toBe(404);
  });

  it('lets stakeholders and viewers read but not create, edit or delete; strangers see nothing', async () => {
    const { key, owner } = await buildBacklog(h);
    const item = await buildItem(h, owner, key, { title: 'Secret plan' });
    for (const role of ['stakeholder', 'viewer'] as const) {
      const u = await member(h, key, owner, role);
      expect((await h.api(u, { method: 'GET', url: `/api/items/${item.key}` })).statusCode).toBe(200);
      expect((await h.api(u, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x' } })).statusCode).toBe(403);
      expect((await patch(h, u, item.key, { title: 'Mine', version: 1 })).statusCode).toBe(403);
      expect((await h.api(u, { method: 'DELETE', url: `/api/items/${item.key}` })).statusCode).toBe(403);
    }
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${item.key}` })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x' } })).statusCode).toBe(404);
    expect((await patch(h, stranger, item.key, { title: 'Mine', version: 1 })).statusCode).toBe(404);
  });

  it('refuses to create into a column at its WIP limit unless an owner overrides', async () => {
    const { key, owner } = await buildBacklog(h);
    const narrow = await addState(h, owner, key, { name: 'Expedite', category: 'in_progress', wipLimit: 1 });
    await buildItem(h, owner, key, { stateId: narrow });
    const refused = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'x', stateId: narrow } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.violations[0].rule).toBe('wip_limit');
    const forced = await buildItem(h, owner, key, { title: 'urgent', stateId: narrow, override: true });
    expect((await itemActivity(h, forced.key))[0]!.after).toMatchObject({ override: true, violations: [{ rule: 'wip_limit' }] });
  });
});

describeEachDialect('PATCH /api/items/:key', (h) => {
  it('edits fields, bumps the version and records only what changed', async () => {
    const { key, owner } = await buildBacklog(h);
    const item = await buildItem(h, owner, key, { title: 'Pay by card', estimate: 2 });
    const res = await patch(h, owner, item.key, {
      title: 'Pay by card or wallet',
      estimate: 2,
      businessValue: 8,
      timeCriticality: 5,
      riskReduction: 3,
      jobSize: 4,
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Pay by card or wallet', version: 2, wsjf: 4, businessValue: 8 });
    const updated = (await itemActivity(h, item.key)).find((a) => a.action === 'updated')!;
    expect(updated.before).toEqual({
      title: 'Pay by card',
      businessValue: null,
      timeCriticality: null,
      riskReduction: null,
      jobSize: null,
    });
    expect(updated.after).toEqual({ title: 'Pay by card or wallet', businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 4 });
  });

  it('accepts the version as If-Match and requires it', async () => {
    const { key, owner } = await buildBacklog(h);
    const item = await buildItem(h, owner, key);
    const missing = await patch(h, owner, item.key, { title: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].path).toBe('version');
    const ok = await patch(h, owner, item.key, { title: 'via header' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
  });

  it('answers a stale version with 409 and the current item', async () => {
    const { key, owner } = await buildBacklog(h);
    const item = await buildItem(h, owner, key, { title: 'Original' });
    expect((await patch(h, owner, item.key, { title: 'First', version: 1 })).statusCode).toBe(200);
    const stale = await patch(h, owner, item.key, { title: 'Second', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ key: item.key, title: 'First', version: 2 });
  });

  it('lets exactly one of two concurrent edits of one version win', async () => {
    const { key, owner } = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer');
    const item = await buildItem(h, owner, key);
    const results = await Promise.all([
      patch(h, owner, item.key, { title: 'Owner’s', version: 1 }),
      patch(h, dev, item.key, { title: 'Dev’s', version: 1 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const now = (await h.api(owner, { method: 'GET', url: `/api/items/${item.key}` })).json();
    expect(now).toMatchObject({ title: winner.title, version: 2 });
    expect((await itemActivity(h, item.key)).filter((a) => a.action === 'updated')).toHaveLength(1);
  });

  it('keeps labels, assignee, epic, sprint and release consistent with the product', async () => {
    const { key, owner } = await buildBacklog(h);
    const other = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer', 'Ada');
    const epic = await buildItem(h, owner, key, { type: 'epic', title: 'Checkout' });
    const foreignEpic = await buildItem(h, other.owner, other.key, { type: 'epic' });
    const item = await buildItem(h, owner, key, { labels: ['a'] });
    const sprint = { id: (await buildSprintAndRelease(h, owner, key)).sprintId };
    const foreignRelease = { id: (await buildSprintAndRelease(h, other.owner, other.key)).releaseId };

    const bad = async (payload: Record<string, unknown>, field: string) => {
      const res = await patch(h, owner, item.key, { ...payload, version: 1 });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe(field);
    };
    await bad({ assigneeId: other.owner.id }, 'assigneeId');
    await bad({ parentKey: foreignEpic.key }, 'parentKey');
    await bad({ parentKey: item.key }, 'parentKey');
    await bad({ releaseId: foreignRelease.id }, 'releaseId');
    await bad({ stateId: 999_999 }, 'stateId');

    // Planning into a sprint is the owner's call; the rest is the team's.
    expect((await patch(h, dev, item.key, { sprintId: sprint.id, version: 1 })).statusCode).toBe(403);
    expect((await patch(h, dev, item.key, { labels: ['b', 'c'], assigneeId: dev.id, parentKey: epic.key, version: 1 })).statusCode).toBe(
      200,
    );
    const res = await patch(h, owner, item.key, { sprintId: sprint.id, version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      labels: ['b', 'c'],
      assignee: { id: dev.id, name: 'Ada' },
      parentKey: epic.key,
      sprintId: sprint.id,
    });
    const labels = await h.ctx.db
      .selectFrom('item_labels')
      .innerJoin('items', 'items.id', 'item_labels.item_id')
      .select('label')
      .where('items.key', '=', item.key)
      .orderBy('label')
      .execute();
    expect(labels.map((l) => l.label)).toEqual(['b', 'c']);
  });

  it('stamps started and done times as the item crosses categories', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const item = await buildItem(h, owner, key);
    h.clock.advance(60_000);
    const started = (await patch(h, owner, item.key, { stateId: state('In progress'), version: 1 })).json();
    expect(started.startedAt).toBe(h.clock.now().toISOString());
    expect(started.stateEnteredAt).toBe(h.clock.now().toISOString());
    h.clock.advance(60_000);
    const done = (await patch(h, owner, item.key, { stateId: state('Done'), version: 2 })).json();
    expect(done).toMatchObject({ doneAt: h.clock.now().toISOString(), startedAt: started.startedAt, stateCategory: 'done' });
    const reopened = (await patch(h, owner, item.key, { stateId: state('Review'), version: 3 })).json();
    expect(reopened).toMatchObject({ doneAt: null, startedAt: started.startedAt });
    const history = (await itemActivity(h, item.key)).filter((a) => a.action === 'updated');
    expect(history.map((a) => [a.before.state, a.after.state])).toEqual([
      ['Backlog', 'In progress'],
      ['In progress', 'Done'],
      ['Done', 'Review'],
    ]);
  });

  it('adds up every blocked period, including the open one', async () => {
    const { key, owner } = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer');
    const item = await buildItem(h, owner, key);
    let v = (await patch(h, dev, item.key, { blocked: true, blockedReason: 'API down', version: 1 })).json();
    expect(v).toMatchObject({ blocked: true, blockedReason: 'API down', blockedSince: h.clock.now().toISOString(), blockedSeconds: 0 });
    h.clock.advance(60_000);
    v = (await patch(h, dev, item.key, { blocked: false, version: v.version })).json();
    expect(v).toMatchObject({ blocked: false, blockedReason: null, blockedSince: null, blockedSeconds: 60 });
    h.clock.advance(3_600_000);
    v = (await patch(h, dev, item.key, { blocked: true, version: v.version })).json();
    h.clock.advance(30_000);
    expect((await h.api(dev, { method: 'GET', url: `/api/items/${item.key}` })).json().blockedSeconds).toBe(90);
  });

  it('applies a Definition of Ready to a state change, judging the item as the edit leaves it', async () => {
    const { key, owner } = await buildBacklog(h);
    const ready = await addState(h, owner, key, { name: 'Ready', category: 'todo', entryRules: ['ready.estimate'] });
    const item = await buildItem(h, owner, key);
    const refused = await patch(h, owner, item.key, { stateId: ready, version: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('rule_violation');
    expect(refused.json().error.details.violations).toEqual([{ rule: 'ready.estimate', message: expect.stringContaining('estimate') }]);
    const ok = await patch(h, owner, item.key, { stateId: ready, estimate: 5, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describeEachDialect('DELETE /api/items/:key and restore', (h) => {
  it('moves an item to the trash and back; only owners may', async () => {
    const { key, owner } = await buildBacklog(h);
    const dev = await member(h, key, owner, 'developer');
    const item = await buildItem(h, owner, key);
    expect((await h.api(dev, { method: 'DELETE', url: `/api/items/${item.key}` })).statusCode).toBe(403);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/items/${item.key}` })).statusCode).toBe(204);
    expect((await h.api(owner, { method: 'GET', url: `/api/items/${item.key}` })).statusCode).toBe(404);
    expect((await patch(h, owner, item.key, { title: 'x', version: 2 })).statusCode).toBe(404);
    const restored = await h.api(owner, { method: 'POST', url: `/api/items/${item.key}/restore` });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ key: item.key, deletedAt: null, rank: item.rank });
    expect((await itemActivity(h, item.key)).map((a) => a.action)).toEqual(['created', 'deleted', 'restored']);
  });
});
