import { describe, expect, it } from 'vitest';
import type { TActivity } from '@ordo/contract';
import { authorsOf, describeTheirChanges, overlapping, theirChanges } from '../src/features/item/conflict';
import type { Vocabulary } from '../src/features/item/fields';
import { item } from './fixtures';

const words: Vocabulary = {
  state: (id) => ({ 1: 'To do', 3: 'Review' })[id] ?? `state ${id}`,
  user: (id) => `user ${id}`,
  epic: (key) => key,
  sprint: (id) => `Sprint ${id}`,
  release: (id) => `Release ${id}`,
};

/** An edit in the item's history, as the server records it. */
const by = (name: string, at: string) => ({ id: 1, productKey: 'PAY', actor: { id: 1, name }, entityId: 12, itemKey: 'PAY-12', at });

describe('an edit that met someone else’s change', () => {
  const read = item('PAY-12', 'a1', { title: 'Refund', estimate: 3, stateId: 1, labels: ['billing'] });
  const now = item('PAY-12', 'a1', { title: 'Refund to the original card', estimate: 5, stateId: 3, labels: ['billing'], version: 3 });

  it('lists the fields they changed since this person read the item, with this person’s own value beside the same field', () => {
    const changes = theirChanges(read, now, { title: 'Refund by card', description: 'More words' });
    expect(changes).toEqual([
      { field: 'title', base: 'Refund', theirs: 'Refund to the original card', mine: 'Refund by card' },
      { field: 'stateId', base: 1, theirs: 3 },
      { field: 'estimate', base: 3, theirs: 5 },
    ]);
    // Keeping theirs would overwrite only the title this person also changed.
    expect(overlapping(changes).map((c) => c.field)).toEqual(['title']);
    expect(overlapping(theirChanges(read, now, { title: 'Refund to the original card' }))).toEqual([]);
  });

  it('names who changed what, the latest writer of each field since the item was read', () => {
    const history: TActivity[] = [
      {
        ...by('Sam', '2026-03-02T10:05:00.000Z'),
        entityType: 'item',
        action: 'updated',
        before: { title: 'Refund', estimate: 4 },
        after: { title: 'Refund to the original card', estimate: 5 },
      },
      {
        ...by('Ann', '2026-03-02T10:03:00.000Z'),
        entityType: 'item',
        action: 'moved',
        before: { stateId: 1, state: 'To do' },
        after: { stateId: 3, state: 'Review' },
      },
      { ...by('Ann', '2026-03-02T10:02:00.000Z'), entityType: 'item', action: 'updated', before: { estimate: 3 }, after: { estimate: 4 } },
      { ...by('Old', '2026-03-02T08:00:00.000Z'), entityType: 'item', action: 'moved', before: { stateId: 3 }, after: { stateId: 1 } },
    ];
    const authors = authorsOf(history, '2026-03-02T09:00:00.000Z');
    expect(Object.fromEntries(authors)).toEqual({ title: 'Sam', estimate: 'Sam', stateId: 'Ann', state: 'Ann' });
    expect(describeTheirChanges(theirChanges(read, now, {}), authors, words)).toBe(
      'Sam changed the title to “Refund to the original card” and the estimate to 5 pt; Ann moved it to Review.',
    );
  });
});
