import { dayOf, longDate, spanWords } from './dates.js';

/**
 * Status-update drafting, pure: the facts a service gathered since the previous update go in, the
 * Markdown a product owner starts from and the health Ordo suggests (with its reason) come out.
 */

export const HEALTHS = ['on_track', 'at_risk', 'off_track'] as const;
export type Health = (typeof HEALTHS)[number];
export const HEALTH_LABELS: Record<Health, string> = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' };

/** A release whose chance of making its target is below these is at risk / off track. */
export const AT_RISK_BELOW = 0.7;
export const OFF_TRACK_BELOW = 0.3;

export interface ItemMention {
  key: string;
  title: string;
}

export interface ReleaseOutlook {
  name: string;
  targetDate: string | null;
  /** the release page's forecast sentence, word for word */
  sentence: string;
  /** chance of making the target; null without a target or a forecast */
  targetProbability: number | null;
}

export interface DraftFacts {
  /** ISO timestamps: the period the update covers */
  since: string;
  now: string;
  finished: { total: number; byType: Record<string, number>; epics: ItemMention[]; notable: ItemMention[] };
  inProgress: { total: number; items: ItemMention[] };
  blocked: { items: (ItemMention & { reason: string | null; seconds: number })[]; totalSeconds: number };
  releases: ReleaseOutlook[];
  scope: { added: number; removed: number };
  questions: { open: number; oldestAt: string | null };
  requests: { untriaged: number };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (p: number) => `${Math.round(p * 100)} %`;

/** "3 days", "5 hours", "under an hour": how long something has been blocked. */
export function blockedWords(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  if (days >= 1) return spanWords(days);
  const hours = Math.floor(seconds / 3600);
  return hours >= 1 ? plural(hours, 'hour') : 'under an hour';
}

/** The health Ordo suggests, and why in one sentence: from the releases' chances of making their targets, then from blocked work. */
export function suggestHealth(facts: Pick<DraftFacts, 'releases' | 'blocked'>): { health: Health; reason: string } {
  const targeted = facts.releases.filter((r) => r.targetDate !== null && r.targetProbability !== null);
  const blocked = facts.blocked.items.length;
  if (targeted.length) {
    const worst = targeted.reduce((a, b) => (b.targetProbability! < a.targetProbability! ? b : a));
    const p = worst.targetProbability!;
    const target = longDate(dayOf(worst.targetDate!));
    if (p < OFF_TRACK_BELOW)
      return { health: 'off_track', reason: `${worst.name} has a ${percent(p)} chance of making its target of ${target}.` };
    if (p < AT_RISK_BELOW)
      return { health: 'at_risk', reason: `${worst.name} has only a ${percent(p)} chance of making its target of ${target}.` };
    const lowest = targeted.length > 1 ? ` (lowest: ${worst.name}, ${percent(p)})` : ` (${percent(p)})`;
    return {
      health: 'on_track',
      reason: `${targeted.length === 1 ? `${worst.name} is` : 'Every open release is'} likely to make its target${lowest}${blocked ? `; ${plural(blocked, 'item is', 'items are')} blocked` : ''}.`,
    };
  }
  if (blocked)
    return {
      health: 'at_risk',
      reason: `No release has a target to forecast against, and ${plural(blocked, 'item is', 'items are')} blocked (${blockedWords(facts.blocked.totalSeconds)} in all).`,
    };
  return { health: 'on_track', reason: 'No release has a target to forecast against, and nothing is blocked.' };
}

const TYPE_WORDS: Record<string, [string, string]> = {
  story: ['story', 'stories'],
  bug: ['bug', 'bugs'],
  task: ['task', 'tasks'],
  spike: ['spike', 'spikes'],
};

const line = (i: ItemMention) => `- ${i.key} ${i.title}`;

/** The draft's Markdown: what was finished, what is in progress and blocked, each release's forecast, scope, questions and requests. */
export function composeDraft(facts: DraftFacts): string {
  const today = dayOf(facts.now);
  const since = longDate(dayOf(facts.since), today);
  const out: string[] = [];

  const { finished } = facts;
  const types = Object.entries(finished.byType)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, n]) => plural(n, ...(TYPE_WORDS[type] ?? [type, `${type}s`])));
  out.push('## Finished', '');
  out.push(
    finished.total
      ? `${plural(finished.total, 'item')} finished since ${since}${types.length > 1 ? ` (${types.join(', ')})` : ''}.`
      : `Nothing was finished since ${since}.`,
  );
  if (finished.epics.length) out.push('', ...finished.epics.map((e) => `- Epic closed: ${e.key} ${e.title}`));
  if (finished.notable.length) out.push('', 'Notable:', '', ...finished.notable.map(line));

  out.push('', '## In progress', '');
  out.push(facts.inProgress.total ? `${plural(facts.inProgress.total, 'item')} in progress.` : 'Nothing is in progress.');
  if (facts.inProgress.items.length) out.push('', ...facts.inProgress.items.map(line));

  out.push('', '## Blocked', '');
  const blocked = facts.blocked.items;
  if (!blocked.length) out.push('Nothing is blocked.');
  else {
    out.push(`${plural(blocked.length, 'item')} blocked, ${blockedWords(facts.blocked.totalSeconds)} in all.`, '');
    for (const b of blocked) out.push(`- ${b.key} ${b.title} — blocked ${blockedWords(b.seconds)}${b.reason ? ` (${b.reason})` : ''}`);
  }

  if (facts.releases.length) {
    out.push('', '## Releases', '');
    for (const r of facts.releases) {
      const target = r.targetDate ? ` (target ${longDate(dayOf(r.targetDate), today)})` : '';
      out.push(`- **${r.name}**${target}: ${r.sentence}`);
    }
  }

  out.push('', '## Scope', '');
  const { added, removed } = facts.scope;
  out.push(
    added || removed
      ? `${plural(added, 'item')} added and ${plural(removed, 'item')} removed since ${since}.`
      : `No items were added or removed since ${since}.`,
  );

  out.push('', '## Open questions and requests', '');
  const q = facts.questions;
  out.push(
    q.open
      ? `${plural(q.open, 'open question')}; the oldest has waited since ${longDate(dayOf(q.oldestAt ?? facts.now), today)}.`
      : 'No open questions.',
  );
  out.push(
    facts.requests.untriaged
      ? `${plural(facts.requests.untriaged, 'request waits', 'requests wait')} for triage.`
      : 'No requests wait for triage.',
  );
  return out.join('\n') + '\n';
}
