import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { boardLimits, boardStats, buildBoard } from '../../src/services/items/board.js';
import { describeEachDialect, type Harness } from '../support/harness.js';
import { buildBacklog } from '../support/items.js';

/** Random writes to one product; each refers to items by their index among those created so far. */
type Op =
  | { op: 'create'; state: number; epic: boolean; parent: number | null; place: Place; estimate: number | null }
  | { op: 'move'; item: number; state: number | null; place: Place }
  | { op: 'edit'; item: number; title: string; blocked: boolean; labels: string[] }
  | { op: 'delete'; item: number }
  | { op: 'restore'; item: number }
  | { op: 'comment'; item: number }
  | { op: 'rename-state'; state: number };
type Place = { kind: 'none' } | { kind: 'top' | 'bottom' } | { kind: 'before' | 'after'; item: number };

const STATES = ['Backlog', 'To do', 'In progress', 'Review', 'Done'];
const place: fc.Arbitrary<Place> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constantFrom('top' as const, 'bottom' as const) }),
  fc.record({ kind: fc.constantFrom('before' as const, 'after' as const), item: fc.nat(40) }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      state: fc.nat(STATES.length - 1),
      epic: fc.nat(9).map((n) => n < 2),
      parent: fc.option(fc.nat(40)),
      place,
      estimate: fc.option(fc.integer({ min: 1, max: 13 })),
    }),
  },
  {
    weight: 15,
    arbitrary: fc.record({ op: fc.constant('move' as const), item: fc.nat(40), state: fc.option(fc.nat(STATES.length - 1)), place }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      item: fc.nat(40),
      title: fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim().length > 0 && !t.includes('\u0000')),
      blocked: fc.boolean(),
      labels: fc.subarray(['ux', 'api', 'db']),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), item: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('restore' as const), item: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('comment' as const), item: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename-state' as const), state: fc.nat(STATES.length - 1) }) },
);

describeEachDialect('the board after writes, brought up to date from the events since (property)', (h: Harness) => {
  // Capped at 3 so the backlog and done columns overflow with a few items.
  beforeAll(() => void (boardLimits.cappedColumnCards = 3));
  afterAll(() => void (boardLimits.cappedColumnCards = 200));

  it('is the board built from scratch, byte for byte, after any sequence of creates, moves, edits, deletes and restores', async () => {
    const advancedBefore = boardStats.advanced;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 20, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        async (ops, reads) => {
          const { key, owner, state } = await buildBacklog(h);
          const stateIds = STATES.map((s) => state(s));
          const keys: string[] = [];
          const epics: string[] = [];
          const pick = (i: number, from = keys) => (from.length > 0 ? from[i % from.length] : undefined);
          const placement = (p: Place) => {
            if (p.kind === 'none') return {};
            if (p.kind === 'before' || p.kind === 'after') {
              const anchor = pick(p.item);
              return anchor ? { [p.kind]: anchor } : {};
            }
            return { position: p.kind };
          };
          const board = async () => {
            const res = await h.api(owner, { method: 'GET', url: `/api/products/${key}/board` });
            expect(res.statusCode, res.body).toBe(200);
            return res.body;
          };
          await board();
          for (const [i, o] of ops.entries()) {
            const call = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => h.api(owner, { method, url, payload });
            // Refusals (placing an item next to itself, a deleted anchor, a rule) are writes that did not happen: fine.
            if (o.op === 'create') {
              const parentKey = o.parent != null ? pick(o.parent, epics) : undefined;
              const res = await call('POST', `/api/products/${key}/items`, {
                title: `Item ${keys.length}`,
                type: o.epic ? 'epic' : 'story',
                stateId: stateIds[o.state],
                override: true,
                ...(o.estimate != null ? { estimate: o.estimate } : {}),
                ...(parentKey && !o.epic ? { parentKey } : {}),
                ...placement(o.place),
              });
              if (res.statusCode === 201) keys.push(res.json().key);
              if (res.statusCode === 201 && o.epic) epics.push(res.json().key);
            } else if (o.op === 'rename-state') {
              await call('PATCH', `/api/products/${key}/states/${stateIds[o.state]}`, { name: `${STATES[o.state]} ${i}` });
            } else {
              const item = pick(o.item);
              if (!item) continue;
              if (o.op === 'move') {
                const where = placement(o.place);
                const body = { ...where, ...(o.state != null ? { stateId: stateIds[o.state], override: true } : {}) };
                if (Object.keys(body).length > 0) await call('POST', `/api/items/${item}/move`, body);
              } else if (o.op === 'edit') {
                const current = await h.api(owner, { method: 'GET', url: `/api/items/${item}` });
                if (current.statusCode !== 200) continue;
                await call('PATCH', `/api/items/${item}`, {
                  title: o.title,
                  labels: o.labels,
                  blocked: o.blocked,
                  version: current.json().version,
                });
              } else if (o.op === 'delete') await call('DELETE', `/api/items/${item}`);
              else if (o.op === 'restore') await call('POST', `/api/items/${item}/restore`);
              else await call('POST', `/api/items/${item}/comments`, { body: 'a comment' });
            }
            // Sometimes several writes land between two reads of the board.
            if (reads[i % reads.length] || i === ops.length - 1) {
              const served = await board();
              const product = await h.ctx.db
                .selectFrom('products')
                .select(['id', 'last_event'])
                .where('key', '=', key)
                .executeTakeFirstOrThrow();
              const scratch = await buildBoard(h.ctx.db, h.dialect, product.id, key, product.last_event);
              expect(served).toBe(scratch.body.toString());
            }
          }
        },
      ),
      { numRuns: 8, seed: Number(process.env.PROPERTY_SEED ?? 14) },
    );
    // The incremental path was the one under test, not the rebuild it falls back to.
    expect(boardStats.advanced - advancedBefore).toBeGreaterThan(50);
  }, 240_000);
});

describeEachDialect('the counts of capped columns on a board brought up to date', (h: Harness) => {
  beforeAll(() => void (boardLimits.cappedColumnCards = 3));
  afterAll(() => void (boardLimits.cappedColumnCards = 200));

  it('follow a delete, a restore and a move of a card beyond the cap, which the board never showed', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const keys: string[] = [];
    for (let i = 0; i < 6; i++)
      keys.push((await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: `Card ${i}` } })).json().key);
    const counts = async () => {
      const board = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/board` })).json() as {
        columns: Array<{ name: string; count: number; cards: unknown[] }>;
      };
      return Object.fromEntries(board.columns.filter((c) => c.count > 0).map((c) => [c.name, [c.count, c.cards.length]]));
    };
    expect(await counts()).toEqual({ Backlog: [6, 3] });
    const advanced = boardStats.advanced;
    // Cards 4–6 are below the backlog's top 3: the cached board never held them.
    await h.api(owner, { method: 'DELETE', url: `/api/items/${keys[5]}` });
    expect(await counts()).toEqual({ Backlog: [5, 3] });
    await h.api(owner, { method: 'POST', url: `/api/items/${keys[4]}/move`, payload: { stateId: state('In progress') } });
    expect(await counts()).toEqual({ Backlog: [4, 3], 'In progress': [1, 1] });
    await h.api(owner, { method: 'POST', url: `/api/items/${keys[5]}/restore` });
    expect(await counts()).toEqual({ Backlog: [5, 3], 'In progress': [1, 1] });
    // A move inside an uncapped column changes no count.
    await h.api(owner, { method: 'POST', url: `/api/items/${keys[0]}/move`, payload: { stateId: state('In progress'), position: 'top' } });
    expect(await counts()).toEqual({ Backlog: [4, 3], 'In progress': [2, 2] });
    expect(boardStats.advanced - advanced).toBe(4);
  });
});
