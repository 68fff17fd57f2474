import { describe, expect, it } from 'vitest';
import { dayOf, isoMs } from '../../src/domain/dates.js';
import fc from 'fast-check';
import {
  agingWip,
  cumulativeFlow,
  cycleTimeScatter,
  dayEnds,
  percentile,
  scopeChanges,
  scopeSeries,
  valueAt,
  weeklyThroughput,
  type ItemHistory,
  type ScopeRules,
} from '../../src/domain/flow.js';

const states = [
  { id: 1, name: 'To do', category: 'todo' as const },
  { id: 2, name: 'In progress', category: 'in_progress' as const },
  { id: 3, name: 'Done', category: 'done' as const },
];
const d0 = dayOf('2026-03-02');

describe('cumulativeFlow', () => {
  it('counts items per state at the end of each day, starting from earlier changes', () => {
    const deltas = [
      { day: d0 - 5, stateId: 1, delta: 3 }, // three created before the chart starts
      { day: d0, stateId: 1, delta: -1 },
      { day: d0, stateId: 2, delta: 1 },
      { day: d0 + 2, stateId: 2, delta: -1 },
      { day: d0 + 2, stateId: 3, delta: 1 },
      { day: d0 + 1, stateId: 99, delta: 5 }, // a state that no longer exists
    ];
    const cfd = cumulativeFlow(states, deltas, d0, d0 + 2);
    expect(cfd.dates).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(cfd.states.map((s) => s.counts)).toEqual([
      [2, 2, 2],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });
});

describe('cycleTimeScatter', () => {
  it('gives each finished item its cycle time and the 50/85/95 % lines', () => {
    const from = dayOf('2026-03-01');
    const items = Array.from({ length: 20 }, (_, i) => ({
      number: i + 1,
      type: i % 4 === 0 ? 'bug' : 'story',
      doneDay: from + i + 1,
      cycleDays: i + 1.04,
    }));
    const s = cycleTimeScatter(items, from);
    expect(s.cycleDays[0]).toBe(1);
    expect(s.doneDays[0]).toBe(1);
    expect(s.types).toEqual(['bug', 'story']);
    expect(s.typeIndex.slice(0, 5)).toEqual([0, 1, 1, 1, 0]);
    expect(s.percentiles).toEqual({ p50: 10, p85: 17, p95: 19 });
  });

  it('leaves out an item finished before it started rather than plotting a negative time', () => {
    const s = cycleTimeScatter([{ number: 1, type: 'bug', doneDay: dayOf('2026-03-01'), cycleDays: -4 }], dayOf('2026-03-01'));
    expect(s.numbers).toEqual([]);
    expect(s.percentiles.p50).toBeNull();
  });
});

describe('isoMs', () => {
  it('reads a stored timestamp exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2400-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(isoMs(iso)).toBe(Date.parse(iso));
      }),
      { numRuns: 500, seed: 5 },
    );
    expect(isoMs('2026-03-02')).toBe(Date.parse('2026-03-02'));
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('weeklyThroughput', () => {
  it('sums days into Monday-to-Sunday weeks and keeps empty weeks', () => {
    const monday = dayOf('2026-03-02');
    const t = weeklyThroughput(
      [
        { day: monday, count: 2 },
        { day: monday + 6, count: 1 },
        { day: monday + 14, count: 4 },
      ],
      monday + 1,
      monday + 20,
    );
    expect(t.weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(t.items).toEqual([1, 0, 4]);
  });
});

describe('agingWip', () => {
  it('shows how old each started item is against the cycle-time percentiles', () => {
    const a = agingWip(
      [
        { key: 'A-2', title: 'young', type: 'story', stateId: 2, startedAt: '2026-03-09T00:00:00Z', blocked: false },
        { key: 'A-1', title: 'old', type: 'bug', stateId: 2, startedAt: '2026-03-01T00:00:00Z', blocked: true },
      ],
      '2026-03-10T00:00:00Z',
      { p50: 2, p85: 5, p95: 8 },
    );
    expect(a.keys).toEqual(['A-1', 'A-2']);
    expect(a.ageDays).toEqual([9, 1]);
    expect(a.beyond).toEqual([95, 0]);
    expect(a.blocked).toEqual([true, false]);
  });
});

function history(partial: Partial<ItemHistory> & { id: number }): ItemHistory {
  return {
    key: `S-${partial.id}`,
    title: `Item ${partial.id}`,
    type: 'story',
    parentId: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    deletedAt: null,
    current: { sprintId: null, releaseId: null, stateId: 1, estimate: null },
    changes: [],
    ...partial,
  };
}

describe('replaying item history', () => {
  const sprintRules = (sprintId: number): ScopeRules => ({
    inScope: (h, at) => valueAt(h, 'sprintId', at) === sprintId,
    isDone: (h, at) => valueAt(h, 'stateId', at) === 3,
  });

  it('reads a value before its first change from that change, and after its last from the item', () => {
    const h = history({
      id: 1,
      current: { sprintId: 7, releaseId: null, stateId: 3, estimate: 5 },
      changes: [{ at: '2026-03-03T10:00:00.000Z', field: 'stateId', before: 2, after: 3 }],
    });
    expect(valueAt(h, 'stateId', '2026-03-02T00:00:00.000Z')).toBe(2);
    expect(valueAt(h, 'stateId', '2026-03-03T10:00:00.000Z')).toBe(3);
    expect(valueAt(h, 'sprintId', '2026-03-02T00:00:00.000Z')).toBe(7);
  });

  it('draws a burndown with an item added mid-sprint as a scope change', () => {
    const { dates, instants } = dayEnds(d0, d0 + 3);
    const items = [
      history({
        id: 1,
        current: { sprintId: 7, releaseId: null, stateId: 3, estimate: 3 },
        changes: [
          { at: '2026-03-01T09:00:00.000Z', field: 'sprintId', before: null, after: 7 },
          { at: '2026-03-03T12:00:00.000Z', field: 'stateId', before: 2, after: 3 },
        ],
      }),
      history({
        id: 2,
        current: { sprintId: 7, releaseId: null, stateId: 1, estimate: 5 },
        changes: [{ at: '2026-03-04T12:00:00.000Z', field: 'sprintId', before: null, after: 7 }],
      }),
      history({ id: 3, current: { sprintId: 8, releaseId: null, stateId: 1, estimate: 1 } }),
    ];
    const series = scopeSeries(items, instants, sprintRules(7), dates);
    expect(series.scopeItems).toEqual([1, 1, 2, 2]);
    expect(series.scopePoints).toEqual([3, 3, 8, 8]);
    expect(series.donePoints).toEqual([0, 3, 3, 3]);
    const changes = scopeChanges(items, '2026-03-02T00:00:00.000Z', instants[3], sprintRules(7));
    expect(changes).toEqual([{ at: '2026-03-04T12:00:00.000Z', key: 'S-2', title: 'Item 2', change: 'added', points: 5 }]);
  });

  it("stops a closed sprint's days at its close, so unfinished items moved out do not look done", () => {
    const { instants } = dayEnds(d0, d0 + 1, '2026-03-03T15:00:00.000Z');
    expect(instants[1]).toBe('2026-03-03T14:59:59.999Z');
    const h = history({
      id: 1,
      current: { sprintId: null, releaseId: null, stateId: 1, estimate: 2 },
      changes: [
        { at: '2026-03-01T09:00:00.000Z', field: 'sprintId', before: null, after: 7 },
        { at: '2026-03-03T15:00:00.000Z', field: 'sprintId', before: 7, after: null },
      ],
    });
    const s = scopeSeries([h], instants, sprintRules(7), ['a', 'b']);
    expect(s.scopeItems).toEqual([1, 1]);
    expect(s.doneItems).toEqual([0, 0]);
  });

  it('does not count an item before it was created or after it was deleted', () => {
    const h = history({
      id: 1,
      createdAt: '2026-03-03T10:00:00.000Z',
      deletedAt: '2026-03-04T10:00:00.000Z',
      current: { sprintId: 7, releaseId: null, stateId: 1, estimate: null },
    });
    const { dates, instants } = dayEnds(d0, d0 + 2);
    expect(scopeSeries([h], instants, sprintRules(7), dates).scopeItems).toEqual([0, 1, 0]);
    expect(scopeSeries([h], instants, sprintRules(7), dates).unestimated).toEqual([0, 1, 0]);
  });
});
