import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopeSeries, valueAt, type FieldChange, type ItemHistory, type ScopeRules } from '../../src/domain/flow.js';
import { sprintRecordItems, sprintTotals } from '../../src/domain/sprint-record.js';

const SPRINT = 7;
const DONE = 3;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
const rules: ScopeRules = {
  inScope: (h, t) => valueAt(h, 'sprintId', t) === SPRINT,
  isDone: (h, t) => valueAt(h, 'stateId', t) === DONE,
};
const start = at(10);
const end = at(50);

function history(
  id: number,
  changes: FieldChange[],
  current: ItemHistory['current'],
  created = at(0),
  deleted: string | null = null,
): ItemHistory {
  return {
    id,
    key: `PAY-${id}`,
    title: `Item ${id}`,
    type: 'story',
    parentId: null,
    createdAt: created,
    deletedAt: deleted,
    current,
    changes,
  };
}

describe('a sprint’s record', () => {
  it('tells committed from added, and done from moved on and removed, with the estimate at each moment', () => {
    const histories = [
      // committed, re-estimated 3 → 5, done
      history(
        1,
        [
          { at: at(20), field: 'estimate', before: 3, after: 5 },
          { at: at(30), field: 'stateId', before: 1, after: DONE },
        ],
        { sprintId: SPRINT, releaseId: null, stateId: DONE, estimate: 5 },
      ),
      // committed, taken out at minute 25
      history(2, [{ at: at(25), field: 'sprintId', before: SPRINT, after: null }], {
        sprintId: null,
        releaseId: null,
        stateId: 1,
        estimate: 2,
      }),
      // added at minute 15, unfinished at the end
      history(3, [{ at: at(15), field: 'sprintId', before: null, after: SPRINT }], {
        sprintId: SPRINT,
        releaseId: null,
        stateId: 1,
        estimate: 8,
      }),
      // created into the sprint after the start, then deleted
      history(4, [], { sprintId: SPRINT, releaseId: null, stateId: 1, estimate: 1 }, at(12), at(40)),
      // never in the sprint
      history(5, [], { sprintId: null, releaseId: null, stateId: 1, estimate: 13 }),
      // in the sprint only after the close
      history(6, [{ at: at(55), field: 'sprintId', before: null, after: SPRINT }], {
        sprintId: SPRINT,
        releaseId: null,
        stateId: 1,
        estimate: 1,
      }),
    ];
    const items = sprintRecordItems(histories, start, end, rules);
    expect(items.map((i) => [i.key, i.committed, i.added, i.outcome, i.startPoints, i.joinedPoints, i.endPoints])).toEqual([
      ['PAY-1', true, false, 'done', 3, null, 5],
      ['PAY-2', true, false, 'removed', 2, null, 2],
      ['PAY-3', false, true, 'moved_on', null, 8, 8],
      ['PAY-4', false, true, 'removed', null, 1, 1],
    ]);
    expect(sprintTotals(items)).toEqual({
      committed: { items: 2, points: 5 },
      added: { items: 2, points: 9 },
      removed: { items: 2, points: 3 },
      done: { items: 1, points: 5 },
      movedOn: { items: 1, points: 8 },
      reestimated: 2,
      unestimated: 0,
    });
  });

  it('always adds up, and ends where the burndown ends, whatever happened in between', () => {
    const change = fc.record({
      minute: fc.integer({ min: 0, max: 60 }),
      field: fc.constantFrom('sprintId' as const, 'stateId' as const, 'estimate' as const),
      value: fc.integer({ min: 0, max: 8 }),
    });
    const item = fc.record({
      changes: fc.array(change, { maxLength: 6 }),
      sprint: fc.boolean(),
      state: fc.integer({ min: 1, max: DONE }),
      estimate: fc.option(fc.integer({ min: 0, max: 13 })),
      created: fc.integer({ min: 0, max: 40 }),
      deleted: fc.option(fc.integer({ min: 41, max: 60 })),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (specs) => {
        const histories = specs.map((spec, i) => {
          const sorted = [...spec.changes].sort((a, b) => a.minute - b.minute);
          // Each change starts from where the one before left the field, as a real log does; the item is now where the last left it.
          const last: Record<'sprintId' | 'stateId' | 'estimate', number | null> = {
            sprintId: spec.sprint ? SPRINT : null,
            stateId: spec.state,
            estimate: spec.estimate ?? null,
          };
          const changes = sorted.map((c) => {
            const after = c.field === 'sprintId' ? (c.value % 2 ? SPRINT : null) : c.field === 'stateId' ? 1 + (c.value % DONE) : c.value;
            const before = last[c.field];
            last[c.field] = after;
            return { at: at(c.minute), field: c.field, before, after };
          });
          const current = { ...last, releaseId: null };
          return history(i + 1, changes, current, at(spec.created), spec.deleted === null ? null : at(spec.deleted));
        });
        const items = sprintRecordItems(histories, start, end, rules);
        const t = sprintTotals(items);
        expect(t.committed.items + t.added.items - t.removed.items).toBe(t.done.items + t.movedOn.items);
        expect(t.committed.points + t.added.points - t.removed.points + t.reestimated).toBeCloseTo(t.done.points + t.movedOn.points);
        const atEnd = scopeSeries(histories, [end], rules, ['end']);
        expect(t.done.items + t.movedOn.items).toBe(atEnd.scopeItems[0]);
        expect(t.done.points + t.movedOn.points).toBe(atEnd.scopePoints[0]);
        expect(t.done.items).toBe(atEnd.doneItems[0]);
        const atStart = scopeSeries(histories, [start], rules, ['start']);
        expect(t.committed.items).toBe(atStart.scopeItems[0]);
      }),
    );
  });
});
