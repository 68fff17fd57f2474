import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, edit, moveTo } from '../support/items.js';
import { DAY_MS } from '../../src/domain/dates.js';
import type { TSprintDetail } from '../../src/contract/sprints.js';

/**
 * A sprint's life with every kind of change: four items committed, one of them re-estimated and
 * one taken out; three taken on later (one of them taken out again); two finished; an epic along
 * for the ride. Closed with the rest moved on into the next sprint.
 */
async function runSprint(h: Harness) {
  const { key, owner, state } = await buildBacklog(h);
  const post = async (user: TestUser, url: string, payload: Record<string, unknown>) => {
    const res = await h.api(user, { method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const [a, b, c, d] = [
    await buildItem(h, owner, key, { title: 'A', estimate: 3 }),
    await buildItem(h, owner, key, { title: 'B', estimate: 5 }),
    await buildItem(h, owner, key, { title: 'C', estimate: 2 }),
    await buildItem(h, owner, key, { title: 'D', estimate: 8 }),
  ];
  const epic = await buildItem(h, owner, key, { title: 'Epic', type: 'epic', estimate: 40 });
  const one = await post(owner, `/api/products/${key}/sprints`, { name: 'One', goal: 'Refunds' });
  const two = await post(owner, `/api/products/${key}/sprints`, { name: 'Two' });
  await post(owner, `/api/sprints/${one.id}/items`, { keys: [a.key, b.key, c.key, d.key, epic.key] });
  await post(owner, `/api/sprints/${one.id}/start`, {});

  h.clock.advance(DAY_MS);
  await moveTo(h, owner, a.key, state('Done'));
  const f = await buildItem(h, owner, key, { title: 'F', estimate: 5, sprintId: one.id });
  await edit(h, owner, b.key, { estimate: 8 });
  h.clock.advance(DAY_MS);
  await h.api(owner, { method: 'DELETE', url: `/api/sprints/${one.id}/items/${c.key}` });
  const g = await buildItem(h, owner, key, { title: 'G', estimate: 3 });
  await post(owner, `/api/sprints/${one.id}/items`, { keys: [g.key] });
  await moveTo(h, owner, g.key, state('Done'));
  const hh = await buildItem(h, owner, key, { title: 'H', estimate: 2, sprintId: one.id });
  h.clock.advance(DAY_MS);
  await edit(h, owner, hh.key, { sprintId: null });
  h.clock.advance(DAY_MS);
  const closed = await post(owner, `/api/sprints/${one.id}/close`, { unfinished: 'next', nextSprintId: two.id });
  return { key, owner, one, two, closed, items: { a, b, c, d, f, g, hh, epic } };
}

const sprint = async (h: Harness, user: TestUser, id: number): Promise<TSprintDetail> =>
  (await h.api(user, { method: 'GET', url: `/api/sprints/${id}` })).json();

describeEachDialect('a closed sprint’s record', (h) => {
  it('keeps what the sprint committed, took on, gave up, finished and moved on, and its numbers add up', async () => {
    const { owner, one, two, closed, items } = await runSprint(h);
    const { a, b, c, d, f, g, hh, epic } = items;
    const s = await sprint(h, owner, one.id);
    const record = s.record!;
    expect(record).toMatchObject({
      source: 'kept',
      committed: { items: 4, points: 18 },
      added: { items: 3, points: 10 },
      removed: { items: 2, points: 4 },
      done: { items: 2, points: 6 },
      movedOn: { items: 3, points: 21, to: { sprintId: two.id, name: 'Two' } },
      reestimated: 3,
      unestimated: 0,
    });
    const part = (key: string) => record.items.find((i) => i.key === key);
    expect(part(a.key)).toMatchObject({ committed: true, added: false, outcome: 'done', points: 3 });
    expect(part(b.key)).toMatchObject({ committed: true, outcome: 'moved_on', points: 8 });
    expect(part(c.key)).toMatchObject({ committed: true, outcome: 'removed', points: 2 });
    expect(part(d.key)).toMatchObject({ committed: true, outcome: 'moved_on', points: 8 });
    expect(part(f.key)).toMatchObject({ committed: false, added: true, outcome: 'moved_on', points: 5 });
    expect(part(g.key)).toMatchObject({ added: true, outcome: 'done', points: 3 });
    expect(part(hh.key)).toMatchObject({ added: true, outcome: 'removed', points: 2 });
    expect(part(epic.key)).toBeUndefined();
    // In rank order, as the backlog has them.
    expect(record.items.map((i) => i.title)).toEqual(['A', 'B', 'C', 'D', 'F', 'G', 'H']);

    // Committed + added − removed + re-estimates = done + moved on.
    const t = record;
    expect(t.committed.items + t.added.items - t.removed.items).toBe(t.done.items + t.movedOn.items);
    expect(t.committed.points + t.added.points - t.removed.points + t.reestimated).toBe(t.done.points + t.movedOn.points);

    // Progress is done against what the sprint held at its close, not against what is left in it.
    expect(s.progress).toEqual({ items: { done: 2, total: 5 }, points: { done: 6, total: 27 }, unestimated: 0 });
    expect(s.scope.map((i) => i.key).sort()).toEqual([a.key, g.key].sort());
    // Velocity is what the record says was done.
    expect(closed).toMatchObject({ completedPoints: 6, completedItems: 2 });

    // The burndown ends where the record does.
    const chart = s.burndown;
    expect(chart.scopePoints.at(-1)).toBe(t.done.points + t.movedOn.points);
    expect(chart.remainingPoints.at(-1)).toBe(t.movedOn.points);
    expect(chart.remainingItems.at(-1)).toBe(t.movedOn.items);
    expect(chart.scopeChanges.filter((x) => x.change === 'added')).toHaveLength(t.added.items);
    expect(chart.scopeChanges.filter((x) => x.change === 'removed')).toHaveLength(t.removed.items);

    // The items really went where the record says.
    const next = await sprint(h, owner, two.id);
    expect(next.scope.map((i) => i.key).sort()).toEqual([b.key, d.key, f.key, epic.key].sort());
  });

  it('does not change when its items change after the close', async () => {
    const { key, owner, one, items } = await runSprint(h);
    const before = (await sprint(h, owner, one.id)).record;
    h.clock.advance(DAY_MS);
    await edit(h, owner, items.b.key, { estimate: 13, title: 'B renamed' });
    await h.api(owner, { method: 'DELETE', url: `/api/items/${items.a.key}` });
    await h.api(owner, { method: 'POST', url: `/api/products/${key}/items/bulk`, payload: { keys: [items.g.key], sprintId: null } });
    expect((await sprint(h, owner, one.id)).record).toEqual(before);
  });

  it('reads a sprint closed before records were kept from the activity log, with the same numbers', async () => {
    const { owner, one } = await runSprint(h);
    const kept = await sprint(h, owner, one.id);
    // As a close written before migration 075 left it: no record rows, and closed_at stamped after
    // the unfinished items had moved out.
    const later = new Date(Date.parse(kept.closedAt!) + 5).toISOString();
    await h.ctx.db.deleteFrom('sprint_record_items').where('sprint_id', '=', one.id).execute();
    await h.ctx.db.updateTable('sprints').set({ recorded_at: null, closed_at: later }).where('id', '=', one.id).execute();
    const replayed = await sprint(h, owner, one.id);
    expect(replayed.record).toEqual({ ...kept.record, source: 'replayed' });
    expect(replayed.progress).toEqual(kept.progress);
    expect(replayed.burndown.remainingPoints.at(-1)).toBe(21);
    expect(replayed.burndown.scopeChanges).toEqual(kept.burndown.scopeChanges);
  });

  it('has no record while the sprint runs, and an empty one for a sprint closed with nothing in it', async () => {
    const { key, owner } = await buildBacklog(h);
    const s = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Quiet' } })).json();
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/start`, payload: {} });
    expect((await sprint(h, owner, s.id)).record).toBeNull();
    h.clock.advance(DAY_MS);
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/close`, payload: { unfinished: 'backlog' } });
    const quiet = await sprint(h, owner, s.id);
    expect(quiet.record).toMatchObject({
      source: 'kept',
      committed: { items: 0, points: 0 },
      done: { items: 0, points: 0 },
      movedOn: { items: 0, points: 0, to: 'backlog' },
      items: [],
    });
    expect(quiet.progress).toEqual({ items: { done: 0, total: 0 }, points: { done: 0, total: 0 }, unestimated: 0 });
  });

  it('closes once when two owners close at the same moment; the other is told, and nothing is kept twice', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const items = [];
    for (const estimate of [1, 2, 3]) items.push(await buildItem(h, owner, key, { estimate }));
    const s = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'Race' } })).json();
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/items`, payload: { keys: items.map((i) => i.key) } });
    await h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/start`, payload: {} });
    h.clock.advance(DAY_MS);
    await moveTo(h, owner, items[0].key, state('Done'));
    h.clock.advance(DAY_MS);
    const close = () => h.api(owner, { method: 'POST', url: `/api/sprints/${s.id}/close`, payload: { unfinished: 'backlog' } });
    const statuses = (await Promise.all([close(), close()])).map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const record = (await sprint(h, owner, s.id)).record!;
    expect(record).toMatchObject({ done: { items: 1, points: 1 }, movedOn: { items: 2, points: 5 } });
    expect(record.items).toHaveLength(3);
  });
});
