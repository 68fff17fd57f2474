import { expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, buildSprintAndRelease, itemActivity, member, storedItems } from '../support/items.js';
import { ITEM_TITLE_MAX } from '../../src/contract/items.js';

/** The backlog as owners use it (issue 13): bulk epic and labels, done items in the list and on the board, the title limit. */
describeEachDialect('the backlog as owners use it', (h) => {
  const bulk = (user: TestUser, key: string, payload: Record<string, unknown>) =>
    h.api(user, { method: 'POST', url: `/api/products/${key}/items/bulk`, payload });
  const read = async (user: TestUser, key: string) => (await h.api(user, { method: 'GET', url: `/api/items/${key}` })).json();

  it('puts several items into an epic, a sprint and a release at once, with labels added and taken off', async () => {
    const { key, owner } = await buildBacklog(h);
    const epic = await buildItem(h, owner, key, { title: 'Refunds', type: 'epic' });
    const a = await buildItem(h, owner, key, { title: 'A', labels: ['api', 'old'] });
    const b = await buildItem(h, owner, key, { title: 'B', labels: ['ux'] });
    const { sprintId, releaseId } = await buildSprintAndRelease(h, owner, key);

    const res = await bulk(owner, key, {
      keys: [b.key, a.key],
      parentKey: epic.key,
      sprintId,
      releaseId,
      addLabels: ['billing', 'api'],
      removeLabels: ['old'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ key: a.key, parentKey: epic.key, sprintId, releaseId, labels: ['api', 'billing'] }),
      expect.objectContaining({ key: b.key, parentKey: epic.key, sprintId, releaseId, labels: ['ux', 'billing', 'api'] }),
    ]);
    // The label filter finds them by their new labels, and no longer by the one taken off.
    const billing = await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?label=billing` });
    expect(billing.json().items.map((i: { key: string }) => i.key)).toEqual([a.key, b.key]);
    const old = await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?label=old` });
    expect(old.json().items).toEqual([]);
    expect((await read(owner, epic.key)).progress).toEqual({ total: 2, done: 0 });

    // One history row per item, saying what changed.
    expect((await itemActivity(h, a.key)).at(-1)).toMatchObject({
      action: 'updated',
      before: { parentKey: null, sprintId: null, releaseId: null, labels: ['api', 'old'] },
      after: { parentKey: epic.key, sprintId, releaseId, labels: ['api', 'billing'] },
    });

    // Out of the epic again; labels already there are not added twice, and a change that changes nothing writes nothing.
    const out = await bulk(owner, key, { keys: [a.key], parentKey: null, addLabels: ['api'] });
    expect(out.json().items[0]).toMatchObject({ parentKey: null, labels: ['api', 'billing'] });
    const rows = (await itemActivity(h, a.key)).length;
    expect((await bulk(owner, key, { keys: [a.key], addLabels: ['billing'], removeLabels: ['nothing'] })).statusCode).toBe(200);
    expect(await itemActivity(h, a.key)).toHaveLength(rows);
  });

  it('changes nothing when one part of a bulk change is refused, and says why', async () => {
    const { key, owner } = await buildBacklog(h);
    const epic = await buildItem(h, owner, key, { title: 'Epic', type: 'epic' });
    const story = await buildItem(h, owner, key, { title: 'Story' });
    const full = await buildItem(h, owner, key, { title: 'Full', labels: Array.from({ length: 19 }, (_, i) => `l${i}`) });
    const before = await storedItems(h, key);

    const notAnEpic = await bulk(owner, key, { keys: [epic.key, full.key], parentKey: story.key });
    expect(notAnEpic.statusCode).toBe(400);
    expect(notAnEpic.json().error.details.fields[0].path).toBe('parentKey');
    const itself = await bulk(owner, key, { keys: [story.key, epic.key], parentKey: epic.key });
    expect(itself.statusCode).toBe(400);
    expect(itself.json().error.message).toContain('cannot be its own epic');
    // The first item could take two more labels; the second could not: neither gets them.
    const tooMany = await bulk(owner, key, { keys: [story.key, full.key], addLabels: ['x', 'y'] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain(`${full.key} would have 21 labels`);
    const both = await bulk(owner, key, { keys: [story.key], addLabels: ['x'], removeLabels: ['x'] });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details.fields[0].path).toBe('removeLabels');
    const comma = await bulk(owner, key, { keys: [story.key], addLabels: ['a,b'] });
    expect(comma.statusCode).toBe(400);

    const { sprintId } = await buildSprintAndRelease(h, owner, key);
    await h.api(owner, { method: 'POST', url: `/api/sprints/${sprintId}/start`, payload: {} });
    expect(
      (await h.api(owner, { method: 'POST', url: `/api/sprints/${sprintId}/close`, payload: { unfinished: 'backlog' } })).statusCode,
    ).toBe(200);
    const closed = await bulk(owner, key, { keys: [story.key, full.key], sprintId, addLabels: ['later'] });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.message).toContain('is closed');
    expect(await storedItems(h, key)).toEqual(before);
  });

  it('lets the team set epics and labels in bulk, only the owner plan sprints and releases, and nobody else change anything', async () => {
    const { key, owner } = await buildBacklog(h);
    const epic = await buildItem(h, owner, key, { title: 'Epic', type: 'epic' });
    const a = await buildItem(h, owner, key, { title: 'A' });
    const { sprintId, releaseId } = await buildSprintAndRelease(h, owner, key);
    const dev = await member(h, key, owner, 'developer');
    const stakeholder = await member(h, key, owner, 'stakeholder');
    const before = await storedItems(h, key);
    for (const payload of [{ parentKey: epic.key }, { addLabels: ['x'] }, { removeLabels: ['x'] }])
      expect((await bulk(stakeholder, key, { keys: [a.key], ...payload })).statusCode).toBe(403);
    expect((await bulk(dev, key, { keys: [a.key], parentKey: epic.key, sprintId })).statusCode).toBe(403);
    expect((await bulk(dev, key, { keys: [a.key], addLabels: ['x'], releaseId })).statusCode).toBe(403);
    expect(await storedItems(h, key)).toEqual(before);
    const ok = await bulk(dev, key, { keys: [a.key], parentKey: epic.key, addLabels: ['x'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items[0]).toMatchObject({ parentKey: epic.key, labels: ['x'] });
    const stranger = await h.buildUser();
    expect((await bulk(stranger, key, { keys: [a.key], addLabels: ['y'] })).statusCode).toBe(404);
  });

  it('refuses a title over the limit, naming the field, and never stores it cut', async () => {
    const { key, owner } = await buildBacklog(h);
    const longest = 'x'.repeat(ITEM_TITLE_MAX);
    const fits = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: `  ${longest}  ` } });
    expect(fits.statusCode, fits.body).toBe(201);
    expect(fits.json().title).toBe(longest);
    const over = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: longest + 'y' } });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields[0]).toEqual({ path: 'title', message: `must be at most ${ITEM_TITLE_MAX} characters` });
    const edit = await h.api(owner, {
      method: 'PATCH',
      url: `/api/items/${fits.json().key}`,
      payload: { title: longest + 'y', version: fits.json().version },
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details.fields[0].path).toBe('title');
    expect((await read(owner, fits.json().key)).title).toBe(longest);
    const page = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/items` })).json();
    expect(page.items.map((i: { title: string }) => i.title.length)).toEqual([ITEM_TITLE_MAX]);
  });

  it('lists done items unless the list asks for open work only', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const done = await buildItem(h, owner, key, { title: 'Shipped', stateId: state('Done') });
    const next = await buildItem(h, owner, key, { title: 'Next' });
    const doing = await buildItem(h, owner, key, { title: 'Doing', stateId: state('In progress') });
    const all = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?count=true` })).json();
    expect(all.items.map((i: { key: string }) => i.key)).toEqual([done.key, next.key, doing.key]);
    const open = (
      await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?stateCategory=backlog,todo,in_progress&count=true` })
    ).json();
    expect(open.items.map((i: { key: string }) => i.key)).toEqual([next.key, doing.key]);
    expect(open.total).toBe(2);
    expect(all.total).toBe(3);
  });

  it('pages through open work in rank order across its states, done items above it never in the way', async () => {
    const { key, owner, state } = await buildBacklog(h);
    for (let i = 0; i < 5; i++) await buildItem(h, owner, key, { title: `Old ${i}`, stateId: state('Done') });
    const places = ['Backlog', 'To do', 'In progress', 'Review', 'Done', 'Backlog', 'Review', 'To do', 'Backlog', 'In progress'];
    const made: { key: string; state: string; labels: string[] }[] = [];
    for (const [i, name] of places.entries()) {
      const labels = i % 3 === 0 ? ['api'] : [];
      made.push({
        key: (await buildItem(h, owner, key, { title: `Work ${i}`, stateId: state(name), labels, override: true })).key,
        state: name,
        labels,
      });
    }
    const walk = async (q: string) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/products/${key}/items?limit=2&${q}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await h.api(owner, { method: 'GET', url })).json();
        keys.push(...page.items.map((i: { key: string }) => i.key));
        cursor = page.nextCursor;
      } while (cursor);
      return keys;
    };
    const open = made.filter((m) => m.state !== 'Done');
    expect(await walk('stateCategory=backlog,todo,in_progress')).toEqual(open.map((m) => m.key));
    expect(await walk('stateCategory=backlog,todo,in_progress&label=api')).toEqual(
      open.filter((m) => m.labels.includes('api')).map((m) => m.key),
    );
    expect(await walk(`state=${state('To do')},${state('Review')}`)).toEqual(
      made.filter((m) => m.state === 'To do' || m.state === 'Review').map((m) => m.key),
    );
    expect(await walk(`state=${state('Done')}&stateCategory=backlog,todo`)).toEqual([]);
    const counted = (
      await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?limit=1&count=true&stateCategory=backlog,todo,in_progress` })
    ).json();
    expect(counted.total).toBe(open.length);
  });

  it('shows on the board the 200 items finished last, in rank order, and says so', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const finished: string[] = [];
    for (let i = 0; i < 205; i++) {
      h.clock.advance(60_000);
      finished.push((await buildItem(h, owner, key, { title: `Done ${i}`, stateId: state('Done') })).key);
    }
    // The first five in rank order were finished first: not among the last 200.
    const columns = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/board` })).json().columns;
    const doneColumn = columns.find((c: { name: string }) => c.name === 'Done');
    expect(doneColumn).toMatchObject({ count: 205, hasMore: true, capped: 'latest' });
    expect(doneColumn.cards.map((c: { key: string }) => c.key)).toEqual(finished.slice(5));
    // Rank does not choose them: one finished early stays out at the top of the order.
    const moved = finished[0]!;
    await h.api(owner, { method: 'POST', url: `/api/items/${moved}/move`, payload: { position: 'top' } });
    const again = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/board` })).json().columns;
    const cards = again.find((c: { name: string }) => c.name === 'Done').cards.map((c: { key: string }) => c.key);
    expect(cards).not.toContain(moved);
    expect(again.find((c: { name: string }) => c.name === 'Backlog')).toMatchObject({ capped: 'top' });
    expect(again.find((c: { name: string }) => c.name === 'In progress')).toMatchObject({ capped: null });
  });
});
