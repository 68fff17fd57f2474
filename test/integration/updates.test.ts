import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, edit, member, moveTo } from '../support/items.js';
import { DAY_MS as DAY } from '../../src/domain/dates.js';
import { blockedWords } from '../../src/domain/status-update.js';

/**
 * A team that finished one item every weekday for four weeks, with an epic closed, two items
 * blocked and a release of thirty items due in ten days: the draft must say exactly that, in the
 * release page's own forecast sentence, and suggest "off track" for the late release.
 */
describeEachDialect('status updates: the drafted update, publishing, corrections', (h) => {
  let key: string;
  let owner: TestUser;
  let stakeholder: TestUser;
  let developer: TestUser;
  let releaseId: number;
  let done: number;
  let inProgress: number;

  beforeAll(async () => {
    const product = await buildBacklog(h);
    ({ key, owner } = product);
    done = product.state('Done');
    inProgress = product.state('In progress');
    stakeholder = await member(h, key, owner, 'stakeholder', 'Stella Stakeholder');
    developer = await member(h, key, owner, 'developer', 'Dev Patel');
    for (let day = 0; day < 28; day++) {
      h.clock.advance(DAY);
      const weekday = (Math.floor(h.clock.now().getTime() / DAY) + 3) % 7 < 5;
      if (weekday) await moveTo(h, owner, (await buildItem(h, owner, key, { title: `Finished ${day}`, type: 'story' })).key, done);
    }
    const epic = await buildItem(h, owner, key, { title: 'Card payments', type: 'epic' });
    await moveTo(h, owner, epic.key, done);
    const bug = await buildItem(h, owner, key, { title: 'Fixed bug', type: 'bug' });
    await moveTo(h, owner, bug.key, done);
    const release = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/releases`,
      payload: { name: '2.0', targetDate: '2026-04-10' },
    });
    releaseId = release.json().id;
    for (let i = 0; i < 30; i++) await buildItem(h, owner, key, { title: `Release work ${i}`, releaseId });
    const working = await buildItem(h, owner, key, { title: 'Refund to original card' });
    await moveTo(h, owner, working.key, inProgress);
    const a = await buildItem(h, owner, key, { title: 'Duplicate charge on retry' });
    await edit(h, owner, a.key, { blocked: true, blockedReason: 'waiting for the bank' });
    h.clock.advance(3 * DAY);
    const b = await buildItem(h, owner, key, { title: 'Statement export' });
    await edit(h, owner, b.key, { blocked: true });
    // Ranked above the item blocked longer: the draft still lists the longest blocked first.
    const top = await h.api(owner, { method: 'POST', url: `/api/items/${b.key}/move`, payload: { position: 'top' } });
    expect(top.statusCode, top.body).toBe(200);
    h.clock.advance(5 * 3_600_000);
    await h.api(developer, { method: 'POST', url: `/api/products/${key}/questions`, payload: { body: 'Include archived items?' } });
    await h.api(stakeholder, {
      method: 'POST',
      url: `/api/products/${key}/requests`,
      payload: { title: 'Export to Excel', customer: 'Acme', impact: 'high' },
    });
  }, 120_000);

  const draft = async (user = owner) => h.api(user, { method: 'POST', url: `/api/products/${key}/updates/draft` });
  const patch = (payload: Record<string, unknown>) => h.api(owner, { method: 'PATCH', url: `/api/products/${key}/updates/draft`, payload });

  it('drafts from the data: the numbers finished, in progress and blocked, and the release page’s forecast sentence', async () => {
    const res = await draft();
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const stored = await h.ctx.db
      .selectFrom('items')
      .innerJoin('products', 'products.id', 'items.product_id')
      .select(['items.type', 'items.blocked_since'])
      .where('products.key', '=', key)
      .where('items.done_at', 'is not', null)
      .execute();
    const finished = stored.filter((i) => i.type !== 'epic');
    expect(finished.length).toBe(21);
    expect(d.body).toContain(`${finished.length} items finished since 2 March (20 stories, 1 bug).`);
    expect(d.body).toContain('- Epic closed:');
    expect(d.body).toContain('Card payments');
    expect(d.body).toContain('1 item in progress.');
    expect(d.body).toContain('Refund to original card');

    const blockedSeconds = 3 * 86_400 + 5 * 3600 + 5 * 3600;
    expect(d.body).toContain(`2 items blocked, ${blockedWords(blockedSeconds)} in all.`);
    expect(d.body).toContain('Duplicate charge on retry — blocked 3 days (waiting for the bank)');
    expect(d.body).toContain('Statement export — blocked 5 hours');
    expect(d.body.indexOf('Duplicate charge on retry — blocked')).toBeLessThan(d.body.indexOf('Statement export — blocked'));

    const forecast = (await h.api(owner, { method: 'GET', url: `/api/releases/${releaseId}/forecast` })).json();
    expect(forecast.status).toBe('ok');
    expect(d.body).toContain(`- **2.0** (target 10 April): ${forecast.message}`);
    expect(forecast.message).toMatch(/after the target of 10 April; 0 % chance of making the target\.$/);

    expect(d.body).toContain('1 open question; the oldest has waited since');
    expect(d.body).toContain('1 request waits for triage.');
    expect(d.suggestion).toEqual({ health: 'off_track', reason: '2.0 has a 0 % chance of making its target of 10 April.' });
    expect(d).toMatchObject({ state: 'draft', health: null, author: { id: owner.id }, publishedAt: null, version: 1 });
  });

  it('keeps one open draft per product: opening it again returns the same one, saved edits included', async () => {
    const first = (await draft()).json();
    const edited = await patch({ body: '## Hello\n\nEdited.', version: first.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = (await draft()).json();
    expect(again.id).toBe(first.id);
    expect(again.body).toBe('## Hello\n\nEdited.');
    expect(again.version).toBe(first.version + 1);
  });

  it('refuses a stale version with 409 and the current draft, and bad input naming the field', async () => {
    const d = (await draft()).json();
    const stale = await patch({ body: 'Lost edit', version: d.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.body).toBe(d.body);
    const empty = await patch({ body: '   ', version: d.version });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].path).toBe('body');
    const health = await patch({ health: 'great', version: d.version });
    expect(health.statusCode).toBe(400);
    expect(health.json().error.details.fields[0].path).toBe('health');
    const noHealth = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/draft/publish`,
      payload: { version: d.version },
    });
    expect(noHealth.statusCode).toBe(400);
    expect(noHealth.json().error.message).toMatch(/^health:/);
    const emptyPublish = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/draft/publish`,
      payload: { version: d.version, health: 'on_track', body: '' },
    });
    expect(emptyPublish.statusCode).toBe(400);
    expect(emptyPublish.json().error.details.fields[0].path).toBe('body');
  });

  it('hides drafts from readers, who cannot open or publish one', async () => {
    expect((await draft(stakeholder)).statusCode).toBe(403);
    const list = (await h.api(stakeholder, { method: 'GET', url: `/api/products/${key}/updates` })).json();
    expect(list.draft).toBeNull();
    expect((await h.api(owner, { method: 'GET', url: `/api/products/${key}/updates` })).json().draft.state).toBe('draft');
  });

  it('publishes: stakeholders read it and are told; the next draft covers the time since', async () => {
    const d = (await draft()).json();
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/draft/publish`,
      payload: { version: d.version, health: 'off_track', body: '2.0 will be late.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const published = res.json();
    expect(published).toMatchObject({ state: 'published', health: 'off_track', body: '2.0 will be late.', publishedBy: { id: owner.id } });

    const list = (await h.api(stakeholder, { method: 'GET', url: `/api/products/${key}/updates` })).json();
    expect(list.items.map((u: any) => u.id)).toEqual([published.id]);
    const bell = (await h.api(stakeholder, { method: 'GET', url: '/api/notifications?unread=true' })).json().items;
    expect(bell).toContainEqual(expect.objectContaining({ kind: 'status_update_published', link: `/p/${key}/updates/${published.id}` }));
    expect((await h.api(owner, { method: 'GET', url: `/api/products/${key}/updates` })).json().draft).toBeNull();

    h.clock.advance(DAY);
    for (let i = 0; i < 2; i++) await moveTo(h, owner, (await buildItem(h, owner, key, { title: `Later ${i}`, type: 'task' })).key, done);
    const next = (await draft()).json();
    expect(next.id).not.toBe(published.id);
    expect(next.since).toBe(published.publishedAt);
    expect(next.body).toContain('2 items finished since');
    expect(next.body).toContain('2 items added and 0 items removed since');
  });

  it('changes a published update only by a recorded correction, and lists updates newest first', async () => {
    const d = (await draft()).json();
    const second = (
      await h.api(owner, {
        method: 'POST',
        url: `/api/products/${key}/updates/draft/publish`,
        payload: { version: d.version, health: 'at_risk' },
      })
    ).json();
    const list = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/updates?limit=1` })).json();
    expect(list.items.map((u: any) => u.id)).toEqual([second.id]);
    const older = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/updates?limit=1&cursor=${list.nextCursor}` })).json();
    expect(older.items[0].health).toBe('off_track');

    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/${second.id}/correction`,
      payload: { health: 'off_track', note: 'The bank slipped again', version: second.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ health: 'off_track', correction: { note: 'The bank slipped again', by: { id: owner.id } } });
    const history = await h.ctx.db
      .selectFrom('activity')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'status_update')
      .where('entity_id', '=', second.id)
      .orderBy('event_number')
      .execute();
    expect(history.map((r) => r.action)).toEqual(['drafted', 'edited', 'published', 'corrected']);
    expect(JSON.parse(history[3].before!)).toEqual({ body: second.body, health: 'at_risk' });
    const stale = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/${second.id}/correction`,
      payload: { note: 'again', version: second.version },
    });
    expect(stale.statusCode).toBe(409);
    expect((await h.api(developer, { method: 'GET', url: `/api/products/${key}/updates/${second.id}` })).json().health).toBe('off_track');
  });
});
