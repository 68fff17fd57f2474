import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { buildBacklog, buildItem, moveTo } from '../support/items.js';
import { DAY_MS } from '../../src/domain/dates.js';

describeEachDialect('flow charts API', (h) => {
  /**
   * Day 0: four items in To do (one bug, one under an epic). Day 1: two start. Day 2: one of them
   * finishes, the bug starts. Day 3: the other goes back to To do.
   */
  async function history() {
    const { key, owner, state } = await buildBacklog(h);
    const day0 = h.clock.now().toISOString().slice(0, 10);
    const epic = await buildItem(h, owner, key, { type: 'epic', title: 'Wallet' });
    const a = await buildItem(h, owner, key, { title: 'Apple Pay', stateId: state('To do'), parentKey: epic.key });
    const b = await buildItem(h, owner, key, { title: 'Refunds', stateId: state('To do') });
    const bug = await buildItem(h, owner, key, { title: 'Rounding', type: 'bug', stateId: state('To do') });
    await buildItem(h, owner, key, { title: 'Later', stateId: state('To do') });
    h.clock.advance(DAY_MS);
    await moveTo(h, owner, a.key, state('In progress'));
    await moveTo(h, owner, b.key, state('In progress'));
    h.clock.advance(DAY_MS);
    await moveTo(h, owner, a.key, state('Done'));
    await moveTo(h, owner, bug.key, state('In progress'));
    h.clock.advance(DAY_MS);
    await moveTo(h, owner, b.key, state('To do'));
    h.clock.advance(DAY_MS / 2);
    const day3 = new Date(Date.parse(day0) + 3 * DAY_MS).toISOString().slice(0, 10);
    return { key, owner, epic, a, b, bug, day0, range: `from=${day0}&to=${day3}`, day3 };
  }

  it('rebuilds cumulative flow from the activity log, day by day', async () => {
    const { key, owner, range } = await history();
    const res = await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?${range}` });
    expect(res.statusCode, res.body).toBe(200);
    const cfd = res.json();
    expect(cfd.dates).toHaveLength(4);
    const counts = Object.fromEntries(cfd.states.map((s: { name: string; counts: number[] }) => [s.name, s.counts]));
    expect(counts['To do']).toEqual([4, 2, 1, 2]);
    expect(counts['In progress']).toEqual([0, 2, 2, 1]);
    expect(counts['Done']).toEqual([0, 0, 1, 1]);
    expect(counts['Backlog']).toEqual([0, 0, 0, 0]); // the epic is a container, not work
  });

  it('starts the chart from the counts earlier history left', async () => {
    const { key, owner, day0, day3 } = await history();
    const from = new Date(Date.parse(day0) + 2 * DAY_MS).toISOString().slice(0, 10);
    const cfd = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?from=${from}&to=${day3}` })).json();
    expect(cfd.states.find((s: { name: string }) => s.name === 'To do').counts).toEqual([1, 2]);
  });

  it('filters every chart by type and by epic', async () => {
    const { key, owner, epic, a, bug, range } = await history();
    const bugs = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?type=bug&${range}` })).json();
    expect(bugs.states.find((s: { name: string }) => s.name === 'In progress').counts).toEqual([0, 0, 1, 1]);
    const underEpic = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cycle-time?epic=${epic.key}` })).json();
    expect(underEpic.numbers.map((n: number) => `${key}-${n}`)).toEqual([a.key]);
    const aging = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/aging?type=bug` })).json();
    expect(aging.keys).toEqual([bug.key]);
  });

  it('plots cycle time per finished item with percentile lines', async () => {
    const { key, owner, a } = await history();
    const ct = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cycle-time` })).json();
    expect(ct).toMatchObject({
      productKey: key,
      types: ['story'],
      typeIndex: [0],
      cycleDays: [1],
      percentiles: { p50: 1, p85: 1, p95: 1 },
    });
    expect(`${key}-${ct.numbers[0]}`).toBe(a.key);
    const doneAt = (await h.api(owner, { method: 'GET', url: `/api/items/${a.key}` })).json().doneAt;
    expect(ct.doneDays[0]).toBe((Date.parse(doneAt.slice(0, 10)) - Date.parse(ct.from)) / 86_400_000);
  });

  it('counts throughput per week', async () => {
    const { key, owner, day0 } = await history();
    const t = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/throughput?from=${day0}` })).json();
    expect(t.items.reduce((x: number, y: number) => x + y, 0)).toBe(1);
    expect(t.weeks[0] <= day0).toBe(true);
  });

  it('shows aging work in progress against the cycle-time percentiles', async () => {
    const { key, owner, b, bug } = await history();
    const aging = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/aging` })).json();
    expect(aging.states.map((s: { name: string }) => s.name)).toEqual(['In progress', 'Review']);
    expect(aging.keys).toEqual([bug.key]);
    expect(aging.ageDays).toEqual([1.5]);
    expect(aging.beyond).toEqual([95]); // older than every finished item took
    expect(aging.keys).not.toContain(b.key);
  });

  it('takes a deleted item out of the flow on the day it was deleted, and back when restored', async () => {
    const { key, owner, day0, b } = await history();
    h.clock.advance(DAY_MS);
    const today = h.clock.now().toISOString().slice(0, 10);
    const toDo = async () =>
      (await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?from=${day0}&to=${today}` }))
        .json()
        .states.find((s: { name: string }) => s.name === 'To do').counts;
    expect((await toDo()).at(-1)).toBe(2);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/items/${b.key}` })).statusCode).toBe(204);
    const afterDelete = await toDo();
    expect(afterDelete.slice(0, 4)).toEqual([4, 2, 1, 2]); // the past is unchanged
    expect(afterDelete.at(-1)).toBe(1);
    await h.api(owner, { method: 'POST', url: `/api/items/${b.key}/restore` });
    expect((await toDo()).at(-1)).toBe(2);
  });

  it('refuses bad filters naming the field, and hides charts from strangers', async () => {
    const { key, owner, a } = await buildBacklog(h).then(async (p) => ({ ...p, a: await buildItem(h, p.owner, p.key) }));
    const notEpic = await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?epic=${a.key}` });
    expect(notEpic.statusCode).toBe(400);
    expect(notEpic.json().error.details.fields[0].path).toBe('epic');
    const order = await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/throughput?from=2026-03-10&to=2026-03-01` });
    expect(order.json().error.details.fields[0].path).toBe('from');
    const type = await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/aging?type=feature` });
    expect(type.statusCode).toBe(400);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/products/${key}/reports/cycle-time` })).statusCode).toBe(404);
  });
});
