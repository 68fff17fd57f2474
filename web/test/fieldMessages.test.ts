import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage } from '../src/api/client';
import { fieldLabel, fieldSentence } from '../src/api/fieldMessages';
import { shortDuration, since } from '../src/ui/time';

describe('validation errors in words', () => {
  it('names the field and says what is wrong, as a sentence', () => {
    expect(fieldSentence('name', 'is required')).toBe('Name is required');
    expect(fieldSentence('estimate', 'cannot be negative')).toBe('Estimate cannot be negative');
    expect(fieldSentence('endDate', 'must not be before startDate')).toBe('The sprint ends before it starts');
    expect(fieldSentence('states.2.wipLimit', 'must be a whole number')).toBe('WIP limit must be a whole number');
    expect(fieldSentence('title', 'must be at most 200 characters')).toBe('Title must be at most 200 characters');
    expect(fieldSentence('token', 'is wrong')).toBe('Setup token is wrong');
    // A message that is a sentence already is left as it is, capitalised.
    expect(fieldSentence('body', 'unknown field(s): colour')).toBe('Unknown field(s): colour');
  });

  it('turns a path into the words of its last field', () => {
    expect(fieldLabel('endDate')).toBe('End date');
    expect(fieldLabel('items.0.blockedReason')).toBe('Blocked reason');
    expect(fieldLabel('parentKey')).toBe('Epic');
  });

  it('gives forms one sentence per field path, and toasts the first', () => {
    const e = new ApiError(400, 'validation', 'name: is required', {
      fields: [
        { path: 'name', message: 'is required' },
        { path: 'estimate', message: 'cannot be negative' },
      ],
    });
    expect(e.fields).toEqual({ name: 'Name is required', estimate: 'Estimate cannot be negative' });
    expect(errorMessage(e)).toBe('Name is required');
    expect(errorMessage(new ApiError(409, 'conflict', 'Someone changed it'))).toBe('Someone changed it');
  });
});

describe('card age', () => {
  it('never shows a negative duration when the server clock is ahead of the browser', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(since('2026-03-02T09:00:40Z', now)).toBe('1m');
    expect(shortDuration(-5 * 60_000)).toBe('1m');
    expect(shortDuration(-3 * 86_400_000)).toBe('1m');
    expect(shortDuration(3 * 86_400_000)).toBe('3d');
  });
});
