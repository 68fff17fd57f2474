import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { buildBacklog, buildItem, moveTo } from '../support/items.js';
import { DAY_MS } from '../../src/domain/dates.js';

describeEachDialect('sprints API', (h) => {
  it('plans a sprint with a goal and dates, lists it, and lets every member read it', async () => {
    const { key, owner } = await buildBacklog(h);
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/sprints`,
      payload: { name: 'Sprint 1', goal: 'Card payments', startDate: '2026-03-02', endDate: '2026-03-13' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Sprint 1', goal: 'Card payments', state: 'planned', startDate: '2026-03-02', version: 1 });
    const viewer = await h.buildUser();
    await h.addMember(key, owner, viewer, 'viewer');
    const list = await h.api(viewer, { method: 'GET', url: `/api/products/${key}/sprints` });
    expect(list.json().items.map((s: { name: string }) => s.name)).toEqual(['Sprint 1']);
    const one = await h.api(viewer, { method: 'GET', url: `/api/sprints/${res.json().id}` });
    expect(one.json()).toMatchObject({ goal: 'Card payments', progress: { items: { done: 0, total: 0 } }, burndown: { dates: [] } });
  });

  it('lets only the owner side manage sprints, and hides them from strangers', async () => {
    const { key, owner } = await buildBacklog(h);
    const dev = await h.buildUser();
    await h.addMember(key, owner, dev, 'developer');
    const denied = await h.api(dev, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Mine' } });
    expect(denied.statusCode).toBe(403);
    const sprint = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'S' } })).json();
    expect((await h.api(dev, { method: 'POST', url: `/api/sprints/${sprint.id}/start`, payload: {} })).statusCode).toBe(403);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/sprints/${sprint.id}` })).statusCode).toBe(404);
  });

  it('refuses bad input naming the field', async () => {
    const { key, owner } = await buildBacklog(h);
    const dates = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/sprints`,
      payload: { name: 'S', startDate: '2026-03-10', endDate: '2026-03-01' },
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.details.fields[0].path).toBe('endDate');
    const unknown = await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'S', velocity: 3 } });
    expect(unknown.statusCode).toBe(400);
    const sprint = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'S' } })).json();
    const missing = await h.api(owner, { method: 'POST', url: `/api/sprints/${sprint.id}/items`, payload: { keys: [`${key}-999`] } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].path).toBe('keys');
    expect((await h.api(owner, { method: 'GET', url: '/api/sprints/999999' })).statusCode).toBe(404);
  });

  it('tells the second writer of a sprint that it changed (409)', async () => {
    const { key, owner } = await buildBacklog(h);
    const sprint = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'S' } })).json();
    const first = await h.api(owner, { method: 'PATCH', url: `/api/sprints/${sprint.id}`, payload: { goal: 'One', version: 1 } });
    expect(first.statusCode).toBe(200);
    const second = await h.api(owner, { method: 'PATCH', url: `/api/sprints/${sprint.id}`, payload: { goal: 'Two', version: 1 } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details.current.goal).toBe('One');
  });

  it('runs one sprint at a time: starting a second while one is active is refused (422)', async () => {
    const { key, owner } = await buildBacklog(h);
    const a = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'A' } })).json();
    const b = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'B' } })).json();
    const started = await h.api(owner, { method: 'POST', url: `/api/sprints/${a.id}/start`, payload: {} });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ state: 'active', startDate: expect.any(String), endDate: expect.any(String) });
    const refused = await h.api(owner, { method: 'POST', url: `/api/sprints/${b.id}/start`, payload: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('A is already active');
    expect((await h.api(owner, { method: 'DELETE', url: `/api/sprints/${a.id}` })).statusCode).toBe(422);
  });

  it('draws the burndown day by day, with an item added after the start marked as a scope change', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const items = [];
    for (const estimate of [3, 5, 2]) items.push(await buildItem(h, owner, key, { estimate, stateId: state('To do') }));
    const sprint = (
      await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Burn', goal: 'Ship it' } })
    ).json();
    const planned = await h.api(owner, {
      method: 'POST',
      url: `/api/sprints/${sprint.id}/items`,
      payload: { keys: items.map((i) => i.key) },
    });
    expect(planned.json().progress).toEqual({ items: { done: 0, total: 3 }, points: { done: 0, total: 10 }, unestimated: 0 });
    await h.api(owner, { method: 'POST', url: `/api/sprints/${sprint.id}/start`, payload: {} });

    h.clock.advance(DAY_MS);
    await moveTo(h, owner, items[0].key, state('Done'));
    h.clock.advance(DAY_MS);
    const late = await buildItem(h, owner, key, { estimate: 8, sprintId: sprint.id });
    await moveTo(h, owner, items[1].key, state('Done'));

    const detail = (await h.api(owner, { method: 'GET', url: `/api/sprints/${sprint.id}` })).json();
    expect(detail.progress).toEqual({ items: { done: 2, total: 4 }, points: { done: 8, total: 18 }, unestimated: 0 });
    expect(detail.burndown.remainingPoints).toEqual([10, 7, 10]);
    expect(detail.burndown.remainingItems).toEqual([3, 2, 2]);
    expect(detail.burndown.scopePoints).toEqual([10, 10, 18]);
    expect(detail.burndown.scopeChanges).toEqual([
      expect.objectContaining({ key: late.key, change: 'added', points: 8, date: detail.burndown.dates[2] }),
    ]);
    expect(detail.scope.map((i: { key: string }) => i.key)).toContain(late.key);
  });

  it('closes a sprint: records its velocity and carries unfinished items into the next sprint', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const done = await buildItem(h, owner, key, { estimate: 5 });
    const open = await buildItem(h, owner, key, { estimate: 3 });
    const s1 = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'One' } })).json();
    const s2 = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Two' } })).json();
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s1.id}/items`, payload: { keys: [done.key, open.key] } });
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s1.id}/start`, payload: {} });
    h.clock.advance(DAY_MS);
    await moveTo(h, owner, done.key, state('Done'));
    h.clock.advance(DAY_MS);

    const bad = await h.api(owner, { method: 'POST', url: `/api/sprints/${s1.id}/close`, payload: { unfinished: 'later' } });
    expect(bad.statusCode).toBe(400);
    const closed = await h.api(owner, { method: 'POST', url: `/api/sprints/${s1.id}/close`, payload: { unfinished: 'next' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', completedPoints: 5, completedItems: 1 });
    expect((await h.api(owner, { method: 'GET', url: `/api/items/${open.key}` })).json().sprintId).toBe(s2.id);
    expect((await h.api(owner, { method: 'GET', url: `/api/items/${done.key}` })).json().sprintId).toBe(s1.id);

    // The closed sprint's burndown ends at its close, not with the carried-over item gone.
    const detail = (await h.api(owner, { method: 'GET', url: `/api/sprints/${s1.id}` })).json();
    expect(detail.burndown.remainingItems.at(-1)).toBe(1);
    expect(detail.burndown.scopeChanges).toEqual([]);

    await h.api(owner, { method: 'POST', url: `/api/sprints/${s2.id}/start`, payload: {} });
    h.clock.advance(DAY_MS);
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s2.id}/close`, payload: { unfinished: 'backlog' } });
    expect((await h.api(owner, { method: 'GET', url: `/api/items/${open.key}` })).json().sprintId).toBeNull();

    const velocity = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/velocity` })).json();
    expect(velocity.sprints.map((s: { name: string; points: number; items: number }) => [s.name, s.points, s.items])).toEqual([
      ['One', 5, 1],
      ['Two', 0, 0],
    ]);
    expect(velocity.average).toEqual({ points: 2.5, items: 0.5 });
  });

  it('refuses to carry unfinished work into a next sprint that does not exist', async () => {
    const { key, owner } = await buildBacklog(h);
    const s = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Only' } })).json();
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/start`, payload: {} });
    const res = await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/close`, payload: { unfinished: 'next' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('no planned sprint');
    expect((await h.api(owner, { method: 'GET', url: `/api/sprints/${s.id}` })).json().state).toBe('active');
  });

  it('deletes a planned sprint and sends its items back to the backlog, with history', async () => {
    const { key, owner } = await buildBacklog(h);
    const item = await buildItem(h, owner, key);
    const s = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Gone' } })).json();
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/items`, payload: { keys: [item.key] } });
    expect((await h.api(owner, { method: 'DELETE', url: `/api/sprints/${s.id}` })).statusCode).toBe(204);
    const after = (await h.api(owner, { method: 'GET', url: `/api/items/${item.key}` })).json();
    expect(after.sprintId).toBeNull();
    expect(after.version).toBe(item.version + 2);
    expect((await h.api(owner, { method: 'GET', url: `/api/sprints/${s.id}` })).statusCode).toBe(404);
  });
});
