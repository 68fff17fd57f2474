import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { buildBacklog, buildItem, edit, moveTo } from '../support/items.js';
import { DAY_MS } from '../../src/domain/dates.js';

describeEachDialect('releases API', (h) => {
  it('creates a release with a target date and lets members read it but not change it', async () => {
    const { key, owner } = await buildBacklog(h);
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/releases`,
      payload: { name: '1.0', targetDate: '2026-06-01', description: 'First' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stakeholder = await h.buildUser();
    await h.addMember(key, owner, stakeholder, 'stakeholder');
    const list = (await h.api(stakeholder, { method: 'GET', url: `/api/products/${key}/releases` })).json();
    expect(list.items).toEqual([expect.objectContaining({ name: '1.0', targetDate: '2026-06-01', releasedAt: null })]);
    const denied = await h.api(stakeholder, {
      method: 'PATCH',
      url: `/api/releases/${res.json().id}`,
      payload: { name: 'Mine', version: 1 },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/releases`,
      payload: { name: '2.0', targetDate: '2026-02-31x' },
    });
    expect(bad.json().error.details.fields[0].path).toBe('targetDate');
    const stale = await h.api(owner, { method: 'PATCH', url: `/api/releases/${res.json().id}`, payload: { released: true, version: 1 } });
    expect(stale.json()).toMatchObject({ releasedAt: expect.any(String), version: 2 });
    expect(
      (await h.api(owner, { method: 'PATCH', url: `/api/releases/${res.json().id}`, payload: { name: 'x', version: 1 } })).statusCode,
    ).toBe(409);
  });

  it('counts an epic in a release by its children, unless a child has a release of its own', async () => {
    const { key, owner } = await buildBacklog(h);
    const r1 = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'R1' } })).json();
    const r2 = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'R2' } })).json();
    const epic = await buildItem(h, owner, key, { type: 'epic', title: 'Checkout' });
    const a = await buildItem(h, owner, key, { parentKey: epic.key, estimate: 2 });
    const b = await buildItem(h, owner, key, { parentKey: epic.key, estimate: 3 });
    const elsewhere = await buildItem(h, owner, key, { parentKey: epic.key, releaseId: r2.id });
    const loose = await buildItem(h, owner, key, { estimate: 1 });
    const res = await h.api(owner, { method: 'POST', url: `/api/releases/${r1.id}/items`, payload: { keys: [epic.key, loose.key] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .scope.map((i: { key: string }) => i.key)
        .sort(),
    ).toEqual([a.key, b.key, loose.key].sort());
    expect(res.json().progress).toEqual({ items: { done: 0, total: 3 }, points: { done: 0, total: 6 }, unestimated: 0 });
    expect(res.json().scopeRule).toContain('children of an epic');
    const r2Detail = (await h.api(owner, { method: 'GET', url: `/api/releases/${r2.id}` })).json();
    expect(r2Detail.scope.map((i: { key: string }) => i.key)).toEqual([elsewhere.key]);
  });

  it('draws the burnup with scope added later marked, and done rising', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const r = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'Burnup' } })).json();
    const first = await buildItem(h, owner, key, { releaseId: r.id, estimate: 2 });
    await buildItem(h, owner, key, { releaseId: r.id, estimate: 3 });
    h.clock.advance(DAY_MS);
    await moveTo(h, owner, first.key, state('Done'));
    const later = await buildItem(h, owner, key, { estimate: 5 });
    await edit(h, owner, later.key, { releaseId: r.id });
    h.clock.advance(DAY_MS);
    const loose = await buildItem(h, owner, key, { releaseId: r.id });
    h.clock.advance(60_000);
    await h.api(owner, { method: 'DELETE', url: `/api/releases/${r.id}/items/${loose.key}` });

    const detail = (await h.api(owner, { method: 'GET', url: `/api/releases/${r.id}` })).json();
    expect(detail.burnup.scopeItems).toEqual([2, 3, 3]);
    expect(detail.burnup.doneItems).toEqual([0, 1, 1]);
    expect(detail.burnup.scopePoints).toEqual([5, 10, 10]);
    const marks = detail.burnup.scopeChanges.map((c: { key: string; change: string }) => `${c.key} ${c.change}`);
    expect(marks).toEqual([`${later.key} added`, `${loose.key} added`, `${loose.key} removed`]);
  });

  it('says it cannot forecast without history instead of inventing a date', async () => {
    const { key, owner } = await buildBacklog(h);
    const r = (
      await h.api(owner, {
        method: 'POST',
        url: `/api/products/${key}/releases`,
        payload: { name: 'Nothing yet', targetDate: '2026-12-01' },
      })
    ).json();
    await buildItem(h, owner, key, { releaseId: r.id });
    h.clock.advance(3 * DAY_MS);
    const f = (await h.api(owner, { method: 'GET', url: `/api/releases/${r.id}/forecast` })).json();
    expect(f).toMatchObject({ status: 'no_history', message: expect.stringContaining('No items were finished'), scope: { remaining: 1 } });
    expect(f.percentiles).toBeUndefined();
    const bad = await h.api(owner, { method: 'GET', url: `/api/releases/${r.id}/forecast?windowDays=2` });
    expect(bad.json().error.details.fields[0].path).toBe('windowDays');
  });

  it('forecasts from real throughput: dates, chance of the target, the data used, blocked work and a points forecast', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const start = h.clock.now();
    const target = new Date(start.getTime() + 12 * DAY_MS).toISOString().slice(0, 10);
    const r = (
      await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'Real', targetDate: target } })
    ).json();
    const scope = [];
    for (let i = 0; i < 24; i++) scope.push(await buildItem(h, owner, key, { releaseId: r.id, estimate: 2 }));
    const sprint = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'S1' } })).json();
    await h.api(owner, { method: 'POST', url: `/api/sprints/${sprint.id}/items`, payload: { keys: scope.slice(0, 10).map((i) => i.key) } });
    await h.api(owner, { method: 'POST', url: `/api/sprints/${sprint.id}/start`, payload: {} });
    // Ten days finishing one item a day.
    for (let d = 0; d < 10; d++) {
      h.clock.advance(DAY_MS);
      await moveTo(h, owner, scope[d].key, state('Done'));
    }
    await h.api(owner, { method: 'POST', url: `/api/sprints/${sprint.id}/close`, payload: { unfinished: 'backlog' } });
    await edit(h, owner, scope[20].key, { blocked: true, blockedReason: 'Waiting for the bank' });
    h.clock.advance(DAY_MS);

    const res = await h.api(owner, { method: 'GET', url: `/api/releases/${r.id}/forecast` });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.status).toBe('ok');
    expect(f.scope).toMatchObject({ items: 24, done: 10, remaining: 14, remainingPoints: 28 });
    expect(f.data).toMatchObject({ sampleDays: 11, itemsDone: 10, dropped: { doneBeforeCreated: 0 } });
    expect(f.percentiles.map((p: { percent: number }) => p.percent)).toEqual([50, 70, 85, 95]);
    // 14 items at ten a fortnight: well after the target a day from now.
    expect(f.targetProbability).toBe(0);
    expect(f.daysLate85).toBeGreaterThan(7);
    expect(f.message).toMatch(/^85 % likely by .* after the target of .*; 0 % chance of making the target\.$/);
    expect(f.blocked).toMatchObject({ count: 1, items: [{ key: scope[20].key, reason: 'Waiting for the bank', days: 1 }] });
    expect(f.histogram.trials.reduce((a: number, b: number) => a + b, 0)).toBe(10_000);
    expect(f.points).toMatchObject({ velocities: [20], remainingPoints: 28, forecast: { status: 'ok' } });

    const again = (await h.api(owner, { method: 'GET', url: `/api/releases/${r.id}/forecast` })).json();
    expect(again.percentiles).toEqual(f.percentiles);
  });

  it('says the release is done when nothing remains', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const r = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'Shipped' } })).json();
    const item = await buildItem(h, owner, key, { releaseId: r.id });
    await moveTo(h, owner, item.key, state('Done'));
    const f = (await h.api(owner, { method: 'GET', url: `/api/releases/${r.id}/forecast` })).json();
    expect(f).toMatchObject({ status: 'done', scope: { remaining: 0, done: 1 } });
  });
});
