import { describe, expect, it } from 'vitest';
import type { TActivity } from '@ordo/contract';
import type { Vocabulary } from '../src/features/item/fields';
import { describeActivity } from '../src/features/item/historyText';

const words: Vocabulary = {
  state: (id) => ({ 1: 'To do', 2: 'In progress', 3: 'Review' })[id] ?? `state ${id}`,
  user: (id) => ({ 4: 'Dev Patel' })[id] ?? `user ${id}`,
  epic: (key) => (key === 'PAY-1' ? 'PAY-1 Refunds' : key),
  sprint: (id) => `Sprint ${id}`,
  release: (id) => `Release ${id}`,
};

/** Who did it, to what and when; each test gives the entity, the action and what changed, in the shapes the server records. */
const by = { id: 1, productKey: 'PAY', actor: { id: 2, name: 'Ann' }, entityId: 12, itemKey: 'PAY-12', at: '2026-03-02T09:00:00.000Z' };

/** A history line as the item page shows it: the actor's name, then the sentence. */
const line = (a: TActivity) => `${a.actor?.name} ${describeActivity(a, 'PAY-12', words)}`;

describe('history sentences', () => {
  it('tells a move between states by their names, and says when rules were overridden', () => {
    expect(
      line({
        ...by,
        entityType: 'item',
        action: 'moved',
        before: { stateId: 1, state: 'To do' },
        after: { stateId: 2, state: 'In progress' },
      }),
    ).toBe('Ann moved PAY-12 from To do to In progress');
    // Older entries carry only the ids: the product's names fill in.
    expect(line({ ...by, entityType: 'item', action: 'moved', before: { stateId: 2 }, after: { stateId: 3, override: true } })).toBe(
      'Ann moved PAY-12 from In progress to Review (rules overridden)',
    );
    expect(
      line({ ...by, entityType: 'item', action: 'moved', before: { stateId: 1, rank: 'a1' }, after: { stateId: 1, rank: 'a0' } }),
    ).toBe('Ann reordered PAY-12');
  });

  it('lists every field of an edit in one sentence', () => {
    const a: TActivity = {
      ...by,
      entityType: 'item',
      action: 'updated',
      before: { estimate: 3, title: 'Refund', assigneeId: null, labels: ['billing'] },
      after: { estimate: 5, title: 'Refund to the original card', assigneeId: 4, labels: ['billing', 'api'] },
    };
    expect(line(a)).toBe(
      'Ann changed the estimate from 3 pt to 5 pt, changed the title to “Refund to the original card”, assigned it to Dev Patel and added the label api',
    );
    expect(
      line({
        ...by,
        entityType: 'item',
        action: 'updated',
        before: { blocked: false, blockedReason: null },
        after: { blocked: true, blockedReason: 'Waiting for the bank' },
      }),
    ).toBe('Ann marked it blocked and gave the blocked reason “Waiting for the bank”');
    expect(line({ ...by, entityType: 'item', action: 'updated', before: { parentKey: null }, after: { parentKey: 'PAY-1' } })).toBe(
      'Ann put it in epic PAY-1 Refunds',
    );
  });

  it('tells creation, the trash and coming back from it', () => {
    expect(
      line({
        ...by,
        entityType: 'item',
        action: 'created',
        before: null,
        after: { key: 'PAY-12', type: 'story', stateId: 1, state: 'Backlog' },
      }),
    ).toBe('Ann created PAY-12 in Backlog');
    expect(
      line({ ...by, entityType: 'item', action: 'deleted', before: { deletedAt: null }, after: { deletedAt: '2026-03-02T09:00:00.000Z' } }),
    ).toBe('Ann moved PAY-12 to the trash');
    expect(
      line({
        ...by,
        entityType: 'item',
        action: 'restored',
        before: { deletedAt: '2026-03-02T09:00:00.000Z' },
        after: { deletedAt: null },
      }),
    ).toBe('Ann restored PAY-12 from the trash');
  });

  it('tells acceptance criteria, links and comments, quoting long text short', () => {
    const long = 'A refund shows on the statement within one working day of being approved by the merchant, in every currency';
    expect(
      line({
        ...by,
        entityType: 'criterion',
        action: 'accepted',
        before: { accepted: false },
        after: { text: 'Money is back in 3 days', accepted: true },
      }),
    ).toBe('Ann accepted criterion “Money is back in 3 days”');
    const added = line({ ...by, entityType: 'criterion', action: 'created', before: null, after: { text: long } });
    expect(added).toBe(`Ann added criterion “${long.slice(0, 68)}…”`);
    expect(
      line({
        ...by,
        entityType: 'link',
        action: 'created',
        before: null,
        after: { kind: 'blocked_by', key: 'PAY-3', title: 'Bank sandbox access' },
      }),
    ).toBe('Ann linked PAY-12: it is blocked by PAY-3 “Bank sandbox access”');
    expect(
      line({
        ...by,
        entityType: 'link',
        action: 'deleted',
        before: { kind: 'relates', key: 'PAY-3', title: 'Bank sandbox access' },
        after: null,
      }),
    ).toBe('Ann removed the link: PAY-12 relates to PAY-3 “Bank sandbox access”');
    expect(line({ ...by, entityType: 'comment', action: 'created', before: null, after: { body: 'Checked with the bank' } })).toBe(
      'Ann commented',
    );
  });
});
