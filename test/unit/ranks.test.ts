import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRanks, rankBetween, ranksBetween } from '../../src/domain/ranks.js';

/** A backlog as ranks alone: each move writes one key between the new neighbours, as the API does. */
type Move = { from: number; to: number };

function applyMove(list: { id: number; rank: string }[], { from, to }: Move) {
  const moving = list[from % list.length]!;
  const rest = list.filter((x) => x !== moving);
  const at = to % (rest.length + 1);
  const rank = rankBetween(rest[at - 1]?.rank ?? null, rest[at]?.rank ?? null);
  return { next: [...rest.slice(0, at), { id: moving.id, rank }, ...rest.slice(at)], moving: moving.id, at };
}

describe('ranks', () => {
  it('keeps ranks strictly increasing and the order equal to a model through any sequence of moves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.record({ from: fc.nat(1000), to: fc.nat(1000) }), { maxLength: 200 }),
        (size, moves) => {
          let list = ranksBetween(null, null, size).map((rank, id) => ({ id, rank }));
          let model = list.map((x) => x.id);
          for (const m of moves) {
            const { next, moving, at } = applyMove(list, m);
            list = next;
            model = model.filter((id) => id !== moving);
            model.splice(at, 0, moving);
          }
          for (let i = 1; i < list.length; i++) expect(compareRanks(list[i - 1]!.rank, list[i]!.rank)).toBe(-1);
          // Sorting by rank, as the database does, gives back the model's order.
          const byRank = [...list].sort((a, b) => compareRanks(a.rank, b.rank)).map((x) => x.id);
          expect(byRank).toEqual(model);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always finds room between two neighbours, even after many inserts into one gap', () => {
    let low = rankBetween(null, null);
    const high = rankBetween(low, null);
    for (let i = 0; i < 500; i++) {
      const mid = rankBetween(low, high);
      expect(compareRanks(low, mid)).toBe(-1);
      expect(compareRanks(mid, high)).toBe(-1);
      low = mid;
    }
  });

  it('gives n keys in order between two neighbours, for bulk moves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        const [a, b] = ranksBetween(null, null, 2) as [string, string];
        const keys = ranksBetween(a, b, n);
        expect(keys).toHaveLength(n);
        expect([a, ...keys, b]).toEqual([a, ...keys, b].sort(compareRanks));
        expect(new Set(keys).size).toBe(n);
      }),
    );
  });

  it('compares by bytes, as SQLite BINARY and PostgreSQL "C" do: capitals before small letters', () => {
    expect(compareRanks('aZ', 'aa')).toBe(-1);
    expect(compareRanks('a0', 'a0')).toBe(0);
  });
});
