import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { buildBacklog, buildItem, moveTo } from '../support/items.js';

/**
 * The item answer (a read, and the answer to every create, edit and move) is read in one
 * statement on PostgreSQL and in five on SQLite (src/services/items/get-item.ts): both give the
 * same checklist order, acceptances, links from both sides and an epic's progress.
 */
describeEachDialect('the item answer with its parts', (h) => {
  it("gives the checklist in order with who accepted, links from both sides but not to deleted items, and an epic's progress", async () => {
    const { key, owner, state } = await buildBacklog(h);
    const epic = await buildItem(h, owner, key, { title: 'Statements', type: 'epic' });
    const api = await buildItem(h, owner, key, { title: 'Statements API', parentKey: epic.key });
    const ui = await buildItem(h, owner, key, { title: 'Statements page', parentKey: epic.key });
    const gone = await buildItem(h, owner, key, { title: 'Old export', parentKey: epic.key });
    const docs = await buildItem(h, owner, key, { title: 'Statements docs' });
    await moveTo(h, owner, api.key, state('Done'));

    const add = async (text: string) =>
      (await h.api(owner, { method: 'POST', url: `/api/items/${epic.key}/criteria`, payload: { text } })).json() as { id: number };
    const first = await add('Shows VAT');
    const second = await add('Exports CSV');
    await add('Works on phones');
    await h.api(owner, { method: 'PATCH', url: `/api/criteria/${second.id}`, payload: { position: 0 } });
    h.clock.set(Date.parse('2026-03-02T10:00:00.000Z'));
    await h.api(owner, { method: 'PATCH', url: `/api/criteria/${first.id}`, payload: { accepted: true } });

    const link = (from: string, kind: string, to: string) =>
      h.api(owner, { method: 'POST', url: `/api/items/${from}/links`, payload: { kind, key: to } });
    await link(epic.key, 'blocks', ui.key);
    await link(docs.key, 'blocks', epic.key);
    await link(gone.key, 'relates', epic.key);
    await link(epic.key, 'relates', api.key);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/items/${gone.key}` })).statusCode).toBe(204);

    const read = (await h.api(owner, { method: 'GET', url: `/api/items/${epic.key}` })).json();
    expect(read.criteria).toEqual([
      { id: second.id, text: 'Exports CSV', position: 0, accepted: false, acceptedBy: null, acceptedAt: null },
      {
        id: first.id,
        text: 'Shows VAT',
        position: 1,
        accepted: true,
        acceptedBy: { id: owner.id, name: owner.actor.name },
        acceptedAt: '2026-03-02T10:00:00.000Z',
      },
      { id: expect.any(Number), text: 'Works on phones', position: 2, accepted: false, acceptedBy: null, acceptedAt: null },
    ]);
    // In the order the links were made; "blocks" seen from its target reads "blocked by".
    expect(read.links).toEqual([
      { kind: 'blocks', key: ui.key, title: 'Statements page', stateCategory: 'backlog' },
      { kind: 'blocked_by', key: docs.key, title: 'Statements docs', stateCategory: 'backlog' },
      { kind: 'relates', key: api.key, title: 'Statements API', stateCategory: 'done' },
    ]);
    expect(read.progress).toEqual({ total: 2, done: 1 });

    // A move answers with the same item, its parts included; a story has no progress.
    const moved = (await h.api(owner, { method: 'POST', url: `/api/items/${epic.key}/move`, payload: { position: 'top' } })).json();
    expect({ ...moved, rank: read.rank, updatedAt: read.updatedAt }).toEqual(read);
    const story = (await h.api(owner, { method: 'GET', url: `/api/items/${ui.key}` })).json();
    expect(story.progress).toBeNull();
    expect(story.links).toEqual([{ kind: 'blocked_by', key: epic.key, title: 'Statements', stateCategory: 'backlog' }]);
    expect(story.criteria).toEqual([]);
  });
});
