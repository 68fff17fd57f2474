import { describe, expect, it } from 'vitest';
import { blockedWords, composeDraft, suggestHealth, type DraftFacts } from '../../src/domain/status-update.js';
import { portfolioAttention } from '../../src/domain/portfolio.js';
import { renderSafeMarkdown } from '../../src/domain/markdown.js';

const facts = (over: Partial<DraftFacts> = {}): DraftFacts => ({
  since: '2026-03-02T09:00:00.000Z',
  now: '2026-03-16T09:00:00.000Z',
  finished: { total: 0, byType: {}, epics: [], notable: [] },
  inProgress: { total: 0, items: [] },
  blocked: { items: [], totalSeconds: 0 },
  releases: [],
  scope: { added: 0, removed: 0 },
  questions: { open: 0, oldestAt: null },
  requests: { untriaged: 0 },
  ...over,
});
const release = (name: string, targetProbability: number | null, targetDate: string | null = '2026-04-01') => ({
  name,
  targetDate,
  targetProbability,
  sentence: `${name} sentence.`,
});

describe('suggestHealth', () => {
  it('follows the release least likely to make its target', () => {
    expect(suggestHealth(facts({ releases: [release('1.0', 0.95), release('2.0', 0.1)] }))).toEqual({
      health: 'off_track',
      reason: '2.0 has a 10 % chance of making its target of 1 April.',
    });
    expect(suggestHealth(facts({ releases: [release('1.0', 0.95), release('2.0', 0.5)] })).health).toBe('at_risk');
    expect(suggestHealth(facts({ releases: [release('1.0', 0.95), release('2.0', 0.7)] }))).toEqual({
      health: 'on_track',
      reason: 'Every open release is likely to make its target (lowest: 2.0, 70 %).',
    });
  });

  it('without a forecast against a target, says at risk when work is blocked and on track when nothing is', () => {
    const blocked = { items: [{ key: 'A-1', title: 'x', reason: null, seconds: 3 * 86_400 }], totalSeconds: 3 * 86_400 };
    expect(suggestHealth(facts({ releases: [release('1.0', null, null)], blocked }))).toEqual({
      health: 'at_risk',
      reason: 'No release has a target to forecast against, and 1 item is blocked (3 days in all).',
    });
    expect(suggestHealth(facts()).health).toBe('on_track');
  });
});

describe('composeDraft', () => {
  it('writes every section from the facts, the release sentence word for word', () => {
    const md = composeDraft(
      facts({
        finished: {
          total: 3,
          byType: { story: 2, bug: 1 },
          epics: [{ key: 'P-1', title: 'Cards' }],
          notable: [{ key: 'P-2', title: 'Refunds' }],
        },
        inProgress: { total: 1, items: [{ key: 'P-3', title: 'Wallets' }] },
        blocked: { items: [{ key: 'P-4', title: 'Bank', reason: 'waiting', seconds: 5 * 3600 }], totalSeconds: 5 * 3600 },
        releases: [release('2.0', 0)],
        scope: { added: 4, removed: 1 },
        questions: { open: 2, oldestAt: '2026-03-03T10:00:00.000Z' },
        requests: { untriaged: 1 },
      }),
    );
    expect(md).toContain('3 items finished since 2 March (2 stories, 1 bug).');
    expect(md).toContain('- Epic closed: P-1 Cards');
    expect(md).toContain('- P-2 Refunds');
    expect(md).toContain('1 item in progress.');
    expect(md).toContain('1 item blocked, 5 hours in all.');
    expect(md).toContain('- P-4 Bank — blocked 5 hours (waiting)');
    expect(md).toContain('- **2.0** (target 1 April): 2.0 sentence.');
    expect(md).toContain('4 items added and 1 item removed since 2 March.');
    expect(md).toContain('2 open questions; the oldest has waited since 3 March.');
    expect(md).toContain('1 request waits for triage.');
  });

  it('says plainly when nothing happened', () => {
    const md = composeDraft(facts());
    expect(md).toContain('Nothing was finished since 2 March.');
    expect(md).toContain('Nothing is blocked.');
    expect(md).not.toContain('## Releases');
  });

  it('words blocked time in hours under a day and days after', () => {
    expect(blockedWords(1800)).toBe('under an hour');
    expect(blockedWords(3600)).toBe('1 hour');
    expect(blockedWords(86_400 * 20)).toBe('3 weeks');
  });
});

describe('portfolioAttention', () => {
  const row = (o: Partial<Parameters<typeof portfolioAttention>[0]> = {}) => ({
    health: null,
    releases: [],
    blocked: { count: 0 },
    wip: [],
    oldestOpenQuestion: null,
    untriagedRequests: 0,
    ...o,
  });
  it('puts reported trouble first, then lateness, then what is stuck or waiting', () => {
    const off = portfolioAttention(row({ health: { health: 'off_track', ageDays: 1 } }));
    const risk = portfolioAttention(row({ health: { health: 'at_risk', ageDays: 1 }, releases: [{ weeksLate: 8 }] }));
    const none = portfolioAttention(row());
    const fine = portfolioAttention(row({ health: { health: 'on_track', ageDays: 1 } }));
    const fineButLate = portfolioAttention(row({ health: { health: 'on_track', ageDays: 1 }, releases: [{ weeksLate: 3 }] }));
    expect(off).toBeGreaterThan(risk);
    expect(risk).toBeGreaterThan(none);
    expect(none).toBeGreaterThan(fineButLate);
    expect(fineButLate).toBeGreaterThan(fine);
  });
});

describe('renderSafeMarkdown', () => {
  it('writes no raw HTML and keeps only web and e-mail links', () => {
    const html = renderSafeMarkdown(
      '<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://x.test) ![c](data:image/png;base64,AA)',
    );
    expect(html).not.toMatch(/<img|<script|href="javascript|src="data/);
    expect(html).toContain('<a href="https://x.test" rel="noopener noreferrer nofollow" target="_blank">b</a>');
  });
});
