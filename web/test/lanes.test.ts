import { describe, expect, it } from 'vitest';
import { buildLanes } from '../src/features/board/lanes';
import { board, card } from './fixtures';

const titles = (lanes: ReturnType<typeof buildLanes>) => lanes.map((l) => l.title);
const cells = (lane: ReturnType<typeof buildLanes>[number]) => lane.cells.map((c) => c.map((x) => x.key));

describe('swimlanes', () => {
  const b = board(
    {
      todo: [
        card('PAY-1', 1, 'a1', { type: 'epic' }),
        card('PAY-2', 1, 'a2', { parentKey: 'PAY-1', assigneeId: 7 }),
        card('PAY-5', 1, 'a5', { parentKey: 'PAY-9' }),
      ],
      doing: [card('PAY-3', 2, 'a3', { parentKey: 'PAY-1', assigneeId: 8 }), card('PAY-4', 2, 'a4', { type: 'bug', assigneeId: 99 })],
    },
    {
      epics: [
        { key: 'PAY-1', title: 'Refunds' },
        { key: 'PAY-9', title: 'Statements' },
        { key: 'PAY-10', title: 'Wallets' },
      ],
      users: [
        { id: 8, name: 'Ann' },
        { id: 7, name: 'Bob' },
      ],
    },
  );

  it('cuts the board by epic in backlog order, the epic’s own card in its lane, then “No epic”; empty lanes are left out', () => {
    const lanes = buildLanes(b, 'epic', {});
    expect(titles(lanes)).toEqual(['Refunds', 'Statements', 'No epic']);
    expect(cells(lanes[0]!)).toEqual([['PAY-1', 'PAY-2'], ['PAY-3'], []]);
    expect(lanes[0]).toMatchObject({ epicKey: 'PAY-1', total: 3 });
    expect(cells(lanes[2]!)).toEqual([[], ['PAY-4'], []]);
  });

  it('cuts the board by person, then “Unassigned”, and gives someone no longer a member a lane of their own', () => {
    expect(titles(buildLanes(b, 'assignee', {}))).toEqual(['Ann', 'Bob', 'Unassigned', 'Former member 99']);
  });

  it('applies the backlog’s filters, and shows one empty lane when nothing matches', () => {
    const bugs = buildLanes(b, 'epic', { type: ['bug'] });
    expect(titles(bugs)).toEqual(['No epic']);
    expect(cells(bugs[0]!)).toEqual([[], ['PAY-4'], []]);
    const none = buildLanes(b, 'assignee', { q: 'nothing like this' });
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ title: 'Unassigned', total: 0 });
    expect(titles(buildLanes(b, 'none', { q: 'nothing like this' }))).toEqual(['']);
  });
});
