import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, digestDueAt, effectiveChannel, NOTIFICATION_KINDS } from '../../src/domain/notifications.js';

describe('what a notification does for a person', () => {
  it('follows their choice for the kind, or the kind’s default', () => {
    expect(effectiveChannel('mention', 'off', true)).toBe('off');
    expect(effectiveChannel('mention', 'in_app', true)).toBe('in_app');
    expect(effectiveChannel('mention', null, true)).toBe(DEFAULT_CHANNEL.mention);
    expect(effectiveChannel('request_submitted', undefined, true)).toBe('in_app');
  });

  it('stays in Ordo when the server cannot send e-mail, whatever was chosen', () => {
    for (const kind of NOTIFICATION_KINDS) expect(effectiveChannel(kind, 'email', false)).not.toBe('email');
    expect(effectiveChannel('assigned', 'email', false)).toBe('in_app');
    expect(effectiveChannel('assigned', 'off', false)).toBe('off');
  });

  it('ignores a stored choice it does not know, rather than losing the notification', () => {
    expect(effectiveChannel('question_asked', 'pigeon', true)).toBe(DEFAULT_CHANNEL.question_asked);
  });

  it('sends a digest N minutes after it starts collecting', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(digestDueAt(now, 15).toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(digestDueAt(now, 0).toISOString()).toBe(now.toISOString());
  });
});
