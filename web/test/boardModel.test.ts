import { describe, expect, it } from 'vitest';
import { cardMatches, cardOf, filtersApply, findCard, moveCard, patchCard } from '../src/features/board/boardModel';
import { board, card, item } from './fixtures';

const keysIn = (b: ReturnType<typeof board>, stateId: number) => b.columns.find((c) => c.stateId === stateId)!.cards.map((c) => c.key);
const column = (b: ReturnType<typeof board>, stateId: number) => b.columns.find((c) => c.stateId === stateId)!;

describe('the board model', () => {
  const start = () =>
    board({
      todo: [card('PAY-2', 1, 'a1'), card('PAY-3', 1, 'a3'), card('PAY-4', 1, 'a5')],
      doing: [card('PAY-6', 2, 'a2', { blocked: true, blockedReason: 'Waiting for the bank sandbox' })],
      review: [card('PAY-7', 3, 'a4')],
    });

  it('drops a card above another card of another column, counts both columns again and starts its age there', () => {
    const before = start();
    const after = moveCard(before, 'PAY-2', { stateId: 2, before: 'PAY-6' }, '2026-03-05T10:00:00.000Z');
    expect(keysIn(after, 1)).toEqual(['PAY-3', 'PAY-4']);
    expect(keysIn(after, 2)).toEqual(['PAY-2', 'PAY-6']);
    expect(column(after, 1).count).toBe(2);
    expect(column(after, 2).count).toBe(2);
    expect(findCard(after, 'PAY-2')!.card).toMatchObject({ stateId: 2, stateEnteredAt: '2026-03-05T10:00:00.000Z' });
    // Only the two columns and the moved card change: the rest renders as it was.
    expect(column(after, 3)).toBe(column(before, 3));
    expect(findCard(after, 'PAY-6')!.card).toBe(findCard(before, 'PAY-6')!.card);
  });

  it('gives a dropped card a rank between its new neighbours’, so a card moved next by rank alone still lands in rank order', () => {
    const b = board({
      todo: [card('PAY-1', 1, 'a1'), card('PAY-3', 1, 'a3'), card('PAY-5', 1, 'a5'), card('PAY-7', 1, 'a7')],
      doing: [card('PAY-10', 2, 'a0'), card('PAY-12', 2, 'a2')],
    });
    const dropped = moveCard(b, 'PAY-10', { stateId: 1, after: 'PAY-3' });
    expect(keysIn(dropped, 1)).toEqual(['PAY-1', 'PAY-3', 'PAY-10', 'PAY-5', 'PAY-7']);
    const rank = findCard(dropped, 'PAY-10')!.card.rank;
    expect(rank > 'a3' && rank < 'a5').toBe(true);
    // Shift+← on PAY-12 before the server has answered: no neighbour, so its rank (a2) places it.
    const next = moveCard(dropped, 'PAY-12', { stateId: 1 });
    expect(keysIn(next, 1)).toEqual(['PAY-1', 'PAY-12', 'PAY-3', 'PAY-10', 'PAY-5', 'PAY-7']);
  });

  it('reorders within a column below a card without restarting the card’s age', () => {
    const after = moveCard(start(), 'PAY-2', { stateId: 1, after: 'PAY-4' }, '2026-03-05T10:00:00.000Z');
    expect(keysIn(after, 1)).toEqual(['PAY-3', 'PAY-4', 'PAY-2']);
    expect(column(after, 1).count).toBe(3);
    expect(findCard(after, 'PAY-2')!.card.stateEnteredAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('marks a column over its WIP limit when a card enters it, and puts a card with no neighbour where its rank says', () => {
    const after = moveCard(start(), 'PAY-3', { stateId: 3 });
    expect(keysIn(after, 3)).toEqual(['PAY-3', 'PAY-7']);
    expect(column(after, 3)).toMatchObject({ count: 2, wipLimit: 1, overLimit: true });
  });

  it('snaps a refused card back to its old place by its old rank', () => {
    const before = start();
    const origin = findCard(before, 'PAY-3')!.card;
    const moved = moveCard(before, 'PAY-3', { stateId: 2, after: 'PAY-6' });
    const back = moveCard(moved, 'PAY-3', { stateId: origin.stateId }, undefined, origin);
    expect(keysIn(back, 1)).toEqual(['PAY-2', 'PAY-3', 'PAY-4']);
    expect(keysIn(back, 2)).toEqual(['PAY-6']);
    expect(findCard(back, 'PAY-3')!.card).toBe(origin);
  });

  it('takes the server’s answer for a moved card in place: its real rank and version', () => {
    const moved = moveCard(start(), 'PAY-2', { stateId: 2, before: 'PAY-6' });
    const saved = cardOf(item('PAY-2', 'a1V', { stateId: 2, version: 2 }));
    const after = patchCard(moved, saved);
    expect(keysIn(after, 2)).toEqual(['PAY-2', 'PAY-6']);
    expect(findCard(after, 'PAY-2')!.card).toMatchObject({ rank: 'a1V', version: 2 });
  });

  it('makes a card of a saved item with only what a card shows, leaving empty fields out as the server does', () => {
    const plain = cardOf(item('PAY-9', 'a9'));
    expect(Object.keys(plain).sort()).toEqual(['blocked', 'key', 'rank', 'stateEnteredAt', 'stateId', 'title', 'type', 'version']);
    const full = cardOf(
      item('PAY-9', 'a9', {
        estimate: 3,
        labels: ['billing'],
        assignee: { id: 4, name: 'Dev Patel' },
        parentKey: 'PAY-1',
        blocked: true,
        blockedReason: 'Waiting for the bank',
        blockedSince: '2026-03-03T09:00:00.000Z',
      }),
    );
    expect(full).toMatchObject({
      estimate: 3,
      labels: ['billing'],
      assigneeId: 4,
      parentKey: 'PAY-1',
      blockedReason: 'Waiting for the bank',
      blockedSince: '2026-03-03T09:00:00.000Z',
    });
  });

  it('filters cards like the backlog: text in the key or title, unassigned, blocked', () => {
    const refund = card('PAY-12', 1, 'a1', { title: 'Refund to original card', labels: ['billing'] });
    const mine = card('PAY-13', 1, 'a2', { title: 'Export CSV', assigneeId: 4, blocked: true });
    expect(cardMatches({ q: 'refund' }, refund)).toBe(true);
    expect(cardMatches({ q: 'pay-13' }, mine)).toBe(true);
    expect(cardMatches({ q: 'refund' }, mine)).toBe(false);
    expect(cardMatches({ assignee: ['none'] }, refund)).toBe(true);
    expect(cardMatches({ assignee: ['none'] }, mine)).toBe(false);
    expect(cardMatches({ blocked: 'true' }, mine)).toBe(true);
    expect(cardMatches({ label: ['billing', 'api'] }, refund)).toBe(true);
    expect(filtersApply({ sort: 'wsjf' })).toBe(false);
    expect(filtersApply({ q: 'x' })).toBe(true);
  });
});
