import { describe, expect, it } from 'vitest';
import { ZActivity, type TActivityChange } from '../../src/contract/activity.js';

const row = (change: TActivityChange | Record<string, unknown>) => ({
  id: 7,
  productKey: 'PAY',
  actor: { id: 1, name: 'Pat' },
  entityId: 3,
  itemKey: 'PAY-3',
  at: '2026-03-01T10:00:00.000Z',
  ...change,
});

describe('the activity log contract (ZActivity)', () => {
  it('reads each entity × action in the shape the services record it', () => {
    const recorded: TActivityChange[] = [
      {
        entityType: 'item',
        action: 'created',
        before: null,
        after: { key: 'PAY-3', type: 'story', title: 'Pay', stateId: 1, state: 'To do', rank: 'a0' },
      },
      {
        entityType: 'item',
        action: 'moved',
        before: { rank: 'a0', stateId: 1, state: 'To do' },
        after: { rank: 'a1', stateId: 2, state: 'Doing', override: true, violations: [{ rule: 'wip_limit', message: 'full' }] },
      },
      { entityType: 'item', action: 'updated', before: { estimate: null, labels: [] }, after: { estimate: 5, labels: ['x'] } },
      { entityType: 'item', action: 'deleted', before: { deletedAt: null }, after: { deletedAt: '2026-03-01T10:00:00.000Z' } },
      { entityType: 'criterion', action: 'accepted', before: { accepted: false }, after: { text: 'Works', accepted: true } },
      { entityType: 'link', action: 'created', before: null, after: { kind: 'blocked_by', key: 'PAY-4', title: 'Other' } },
      {
        entityType: 'sprint',
        action: 'closed',
        before: { state: 'active' },
        after: { state: 'closed', completedPoints: 8, completedItems: 3, unfinished: 1, unfinishedTo: 'backlog' },
      },
      { entityType: 'member', action: 'role_changed', before: { role: 'developer' }, after: { role: 'owner', name: 'Sam' } },
      { entityType: 'product', action: 'archived', before: null, after: null },
    ];
    for (const change of recorded) expect(ZActivity.safeParse(row(change)).error).toBeUndefined();
  });

  it('refuses an action no service records, and a field an action does not carry', () => {
    expect(ZActivity.safeParse(row({ entityType: 'state', action: 'noted', before: null, after: null })).success).toBe(false);
    expect(ZActivity.safeParse(row({ entityType: 'widget', action: 'created', before: null, after: null })).success).toBe(false);
    expect(
      ZActivity.safeParse(row({ entityType: 'comment', action: 'created', before: null, after: { body: 'hi', mood: 'glad' } })).success,
    ).toBe(false);
    expect(ZActivity.safeParse(row({ entityType: 'item', action: 'deleted', before: null, after: null })).success).toBe(false);
  });
});
