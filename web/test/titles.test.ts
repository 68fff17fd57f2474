import { describe, expect, it } from 'vitest';
import { ITEM_TITLE_MAX } from '@ordo/contract';
import { pastedTitles, titleTooLong } from '../src/features/backlog/titles';

describe('titles typed and pasted into quick add', () => {
  it('finds one title per non-empty line, bullets taken off, whatever the line endings', () => {
    expect(pastedTitles('- Refund reasons\r\n\n* Refund limits\r• Refund e-mails\n  [ ] Audit log  \n[x] Done already\n–  Dash\n')).toEqual(
      ['Refund reasons', 'Refund limits', 'Refund e-mails', 'Audit log', 'Done already', 'Dash'],
    );
    // A hyphen inside a title, or a number, is part of it.
    expect(pastedTitles('Re-send receipts\n2-step refunds')).toEqual(['Re-send receipts', '2-step refunds']);
    expect(pastedTitles('One line only')).toEqual(['One line only']);
  });

  it('refuses a title over the contract’s limit with its length, counting what is saved (trimmed)', () => {
    expect(titleTooLong('x'.repeat(ITEM_TITLE_MAX))).toBeNull();
    expect(titleTooLong(`  ${'x'.repeat(ITEM_TITLE_MAX)}  `)).toBeNull();
    expect(titleTooLong('x'.repeat(ITEM_TITLE_MAX + 1))).toBe(
      `This title has ${ITEM_TITLE_MAX + 1} characters; a title can have at most ${ITEM_TITLE_MAX}.`,
    );
  });
});
