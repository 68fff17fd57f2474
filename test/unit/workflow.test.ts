import { describe, expect, it } from 'vitest';
import { entryViolations, type EntryRule } from '../../src/domain/workflow.js';

const ready = { estimate: 3, description: 'Why and what', blocked: false, criteriaCount: 2, criteriaAccepted: 2 };
const state = (entryRules: EntryRule[], wipLimit: number | null = null, countWithoutItem = 0) => ({
  name: 'In progress',
  wipLimit,
  entryRules,
  countWithoutItem,
});

describe('entryViolations', () => {
  it('lets a ready item into a state with every rule', () => {
    expect(
      entryViolations(
        state(['ready.estimate', 'ready.criteria', 'ready.description', 'ready.not_blocked', 'done.criteria_accepted'], 3, 2),
        ready,
      ),
    ).toEqual([]);
  });

  it('refuses the item that would take a column past its WIP limit, and no earlier one', () => {
    expect(entryViolations(state([], 3, 2), ready)).toEqual([]);
    expect(entryViolations(state([], 3, 3), ready)).toEqual([{ rule: 'wip_limit', message: 'In progress is at its WIP limit of 3' }]);
    expect(entryViolations(state([], null, 1000), ready)).toEqual([]);
  });

  it('names each unmet rule of a Definition of Ready', () => {
    const unready = { estimate: null, description: '  ', blocked: true, criteriaCount: 0, criteriaAccepted: 0 };
    const violations = entryViolations(state(['ready.estimate', 'ready.criteria', 'ready.description', 'ready.not_blocked']), unready);
    expect(violations.map((v) => v.rule)).toEqual(['ready.estimate', 'ready.criteria', 'ready.description', 'ready.not_blocked']);
    expect(violations[0]!.message).toBe('Entering In progress needs an item that has an estimate');
  });

  it('counts an estimate of zero as an estimate', () => {
    expect(entryViolations(state(['ready.estimate']), { ...ready, estimate: 0 })).toEqual([]);
  });

  it('needs every acceptance criterion accepted for a Definition of Done', () => {
    expect(entryViolations(state(['done.criteria_accepted']), { ...ready, criteriaAccepted: 1 }).map((v) => v.rule)).toEqual([
      'done.criteria_accepted',
    ]);
    expect(entryViolations(state(['done.criteria_accepted']), { ...ready, criteriaCount: 0, criteriaAccepted: 0 })).toEqual([]);
  });

  it('reports a full column and an unready item together', () => {
    expect(entryViolations(state(['ready.estimate'], 1, 1), { ...ready, estimate: null }).map((v) => v.rule)).toEqual([
      'wip_limit',
      'ready.estimate',
    ]);
  });
});
