import { describe, expect, it } from 'vitest';
import { firstPageOnly, insertRowsAt, moveRows, patchRows, placeByRank, removeRows, rowsOf } from '../src/features/backlog/cache';
import { backlog, keysOf, row } from './fixtures';

const pageSizes = (d: ReturnType<typeof backlog>) => d.pages.map((p) => p.items.length);

describe('the cached backlog', () => {
  const start = (more = false) =>
    backlog(
      [
        [row('PAY-1', 'a1'), row('PAY-2', 'a2'), row('PAY-3', 'a3')],
        [row('PAY-4', 'a4'), row('PAY-5', 'a5')],
      ],
      more,
    );

  it('shows each row once even when a row that moved while pages loaded arrives twice', () => {
    const d = backlog([
      [row('PAY-1', 'a1'), row('PAY-2', 'a2')],
      [row('PAY-2', 'a2'), row('PAY-3', 'a3')],
    ]);
    expect(keysOf(rowsOf(d))).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
  });

  it('lands a moved row between its new neighbours with a rank between theirs, keeping where each page ends', () => {
    const d = moveRows(start(), ['PAY-5'], 1);
    expect(keysOf(rowsOf(d))).toEqual(['PAY-1', 'PAY-5', 'PAY-2', 'PAY-3', 'PAY-4']);
    const rank = rowsOf(d)[1]!.rank;
    expect(rank > 'a1' && rank < 'a2').toBe(true);
    expect(pageSizes(d)).toEqual([4, 1]);
  });

  it('sends several selected rows to the top in the order they had, ranked before the first row', () => {
    const d = moveRows(start(), ['PAY-3', 'PAY-5'], 0);
    const rows = rowsOf(d);
    expect(keysOf(rows)).toEqual(['PAY-3', 'PAY-5', 'PAY-1', 'PAY-2', 'PAY-4']);
    expect(rows[0]!.rank < rows[1]!.rank && rows[1]!.rank < 'a1').toBe(true);
  });

  it('puts a row someone else changed where its rank says, and keeps a row ranked past what is loaded for its page', () => {
    const moved = placeByRank(start(), row('PAY-1', 'a35'), false);
    expect(keysOf(rowsOf(moved))).toEqual(['PAY-2', 'PAY-3', 'PAY-1', 'PAY-4', 'PAY-5']);
    const added = placeByRank(start(), row('PAY-9', 'a0'), false);
    expect(keysOf(rowsOf(added))[0]).toBe('PAY-9');
    const farDown = placeByRank(start(true), row('PAY-2', 'b0'), true);
    expect(keysOf(rowsOf(farDown))).toEqual(['PAY-1', 'PAY-3', 'PAY-4', 'PAY-5']);
    const last = placeByRank(start(false), row('PAY-2', 'b0'), false);
    expect(keysOf(rowsOf(last)).at(-1)).toBe('PAY-2');
  });

  it('changes a row’s fields in place without moving it, and leaves the list untouched when no row matches', () => {
    const d = start();
    const assigned = patchRows(d, new Set(['PAY-2']), (r) => ({ ...r, assignee: { id: 4, name: 'Dev Patel' } }));
    expect(rowsOf(assigned)[1]).toMatchObject({ key: 'PAY-2', assignee: { name: 'Dev Patel' } });
    expect(keysOf(rowsOf(assigned))).toEqual(keysOf(rowsOf(d)));
    // Nothing to change: the same list, so nothing renders again.
    expect(patchRows(d, new Set(['PAY-99']), (r) => r)).toBe(d);
    expect(removeRows(d, new Set(['PAY-99']))).toBe(d);
  });

  it('adds rows at a place in the list, past the end onto the last page, and cuts back to the first page before a reload', () => {
    const d = insertRowsAt(start(), 99, [row('PAY-9', 'b0')]);
    expect(keysOf(rowsOf(d)).at(-1)).toBe('PAY-9');
    expect(pageSizes(d)).toEqual([3, 3]);
    const gone = removeRows(d, new Set(['PAY-1', 'PAY-4']));
    expect(keysOf(rowsOf(gone))).toEqual(['PAY-2', 'PAY-3', 'PAY-5', 'PAY-9']);
    const first = firstPageOnly(d);
    expect(keysOf(rowsOf(first))).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
    expect(first.pageParams).toEqual([undefined]);
  });
});
