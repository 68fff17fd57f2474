import { afterAll, beforeAll, expect, it } from 'vitest';
import { GroupCommit } from '../../src/services/group-commit.js';
import { buildBoard, getBoard } from '../../src/services/items/board.js';
import { describeEachDialect, type Harness } from '../support/harness.js';
import { buildBacklog, buildItem } from '../support/items.js';

// `ordo serve` turns group commit on for PostgreSQL; here it runs on both, as its rules are the same.
describeEachDialect('group commit: concurrent writes share a transaction', (h: Harness) => {
  let group: GroupCommit;
  beforeAll(() => {
    group = new GroupCommit(h.ctx.db);
    h.ctx.groupCommit = group;
  });
  afterAll(() => {
    delete h.ctx.groupCommit;
  });

  it('commits many concurrent creates, moves and edits together, with every event number once and in order', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const items: Array<{ key: string; title: string; version: number }> = [];
    for (let i = 0; i < 10; i++) items.push(await buildItem(h, owner, key, { title: `Seed ${i}`, stateId: state('To do') }));
    const before = { ...group.stats };
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: `New ${i}`, stateId: state('In progress') } }),
      ),
      ...items.map((it, i) =>
        h.api(owner, {
          method: 'POST',
          url: `/api/items/${it.key}/move`,
          payload: i % 2 ? { stateId: state('Review'), position: 'top' } : { after: items[(i + 3) % items.length].key },
        }),
      ),
      ...items.map((it) =>
        h.api(owner, { method: 'PATCH', url: `/api/items/${it.key}`, payload: { title: `${it.title}!`, version: it.version } }),
      ),
    ]);
    // A move and an edit of one item race: the edit may find the version a move across columns took.
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.slice(0, 30).every((s) => s === 200 || s === 201)).toBe(true);
    // Fewer transactions than writes: some commits were shared. (On SQLite, where `ordo serve` does not
    // turn it on, a transaction holds the one connection, so the next write's reads wait for its commit.)
    expect(group.stats.writes - before.writes).toBeGreaterThanOrEqual(30);
    if (h.dialect === 'postgres') expect(group.stats.transactions - before.transactions).toBeLessThan(group.stats.writes - before.writes);

    const product = await h.ctx.db
      .selectFrom('products')
      .select(['id', 'last_event', 'key'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const numbers = (
      await h.ctx.db.selectFrom('activity').select('event_number').where('product_id', '=', product.id).orderBy('event_number').execute()
    ).map((r) => Number(r.event_number));
    expect(numbers).toEqual(Array.from({ length: product.last_event }, (_, i) => i + 1));
    const served = await getBoard(h.ctx, owner.actor, key);
    expect(served.body.toString()).toBe((await buildBoard(h.ctx.db, h.dialect, product.id, key, product.last_event)).body.toString());
    const inProgress = await h.ctx.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', product.id)
      .where('state_id', '=', state('In progress'))
      .executeTakeFirstOrThrow();
    expect(Number(inProgress.n)).toBe(20);
  });

  it('fails one write of a batch alone: of ten edits at one version exactly one wins, and only its change is written', async () => {
    const { key, owner } = await buildBacklog(h);
    const item = await buildItem(h, owner, key, { title: 'Contested' });
    const edits = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.api(owner, { method: 'PATCH', url: `/api/items/${item.key}`, payload: { title: `Edit ${i}`, version: item.version } }),
      ),
    );
    const won = edits.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(edits.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const rows = await h.ctx.db
      .selectFrom('activity')
      .innerJoin('items', 'items.id', 'activity.item_id')
      .select(['activity.action', 'activity.after'])
      .where('items.key', '=', item.key)
      .orderBy('activity.event_number')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['created', 'updated']);
    expect(JSON.parse(rows[1]!.after!).title).toBe(won[0]!.json().title);
  });

  it('gives the states read as a batch began to its first write only: a write before another may change them', async () => {
    const { key } = await buildBacklog(h);
    const product = await h.ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow();
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    // The first write holds the product's lane, so the next two queue and run as one batch.
    const first = group.run(product.id, async () => holding, { readStates: true });
    const seen: Array<string[] | undefined> = [];
    const rename = group.run(
      product.id,
      async (trx, begun) => {
        seen.push(begun.states?.map((s) => s.name));
        await trx
          .updateTable('workflow_states')
          .set({ name: 'QA' })
          .where('product_id', '=', product.id)
          .where('name', '=', 'Review')
          .execute();
      },
      { readStates: true },
    );
    const after = group.run(product.id, async (_trx, begun) => void seen.push(begun.states?.map((s) => s.name)), { readStates: true });
    release();
    await Promise.all([first, rename, after]);
    // On SQLite no states come with the BEGIN; on PostgreSQL the rename's came, the write after it read none.
    const named = ['Backlog', 'To do', 'In progress', 'Review', 'Done'];
    expect(seen).toEqual(h.dialect === 'postgres' ? [named, undefined] : [undefined, undefined]);
  });
});
