import type { TActivity, TActivityOf } from '@ordo/contract';
import { andList, describeSet, FIELD_NAMES, type ItemField, type Vocabulary } from './fields';

const quote = (v: unknown) => {
  const s = String(v ?? '');
  return `“${s.length > 70 ? `${s.slice(0, 68)}…` : s}”`;
};

const LINK_WORDS: Record<string, string> = { blocks: 'blocks', blocked_by: 'is blocked by', relates: 'relates to' };

/**
 * One history entry as a sentence after the actor's name: "moved PAY-12 from To do to In
 * progress", "changed the estimate from 3 pt to 5 pt", "accepted criterion “…”".
 */
export function describeActivity(a: TActivity, itemKey: string, words: Vocabulary): string {
  switch (a.entityType) {
    case 'comment':
      if (a.action === 'created') return 'commented';
      if (a.action === 'updated') return 'edited a comment';
      return 'deleted a comment';
    case 'criterion':
      return describeCriterionChange(a);
    case 'link': {
      const side = a.action === 'deleted' ? a.before : a.after;
      const what = `${LINK_WORDS[side.kind] ?? 'is linked to'} ${side.key}${side.title ? ` ${quote(side.title)}` : ''}`;
      return a.action === 'deleted' ? `removed the link: ${itemKey} ${what}` : `linked ${itemKey}: it ${what}`;
    }
    case 'item':
      return describeItemChange(a, itemKey, words);
  }
  return `${a.action} ${a.entityType}`;
}

function describeCriterionChange(a: TActivityOf<'criterion'>): string {
  if (a.action === 'deleted') return `removed criterion ${quote(a.before.text)}`;
  const text = quote(a.after.text);
  switch (a.action) {
    case 'created':
      return `added criterion ${text}`;
    case 'accepted':
      return `accepted criterion ${text}`;
    case 'unaccepted':
      return `withdrew the acceptance of ${text}`;
    case 'updated':
      return `reworded criterion ${quote(a.before.text)} to ${text}`;
    case 'reordered':
      return `moved criterion ${text} in the checklist`;
  }
}

function describeItemChange(a: TActivityOf<'item'>, itemKey: string, words: Vocabulary): string {
  switch (a.action) {
    case 'created':
      return `created ${itemKey}${a.after.state ? ` in ${a.after.state}` : ''}`;
    case 'deleted':
      return `moved ${itemKey} to the trash`;
    case 'restored':
      return `restored ${itemKey} from the trash`;
  }
  const { before, after } = a;
  const overridden = after.override ? ' (rules overridden)' : '';
  if (a.action === 'moved') {
    if (before.stateId !== after.stateId)
      return `moved ${itemKey} from ${stateName(before, words)} to ${stateName(after, words)}${overridden}`;
    return `reordered ${itemKey}`;
  }
  const phrases: string[] = [];
  if ('stateId' in after) phrases.push(`moved ${itemKey} from ${stateName(before, words)} to ${stateName(after, words)}${overridden}`);
  for (const field of Object.keys(after)) {
    if (field === 'stateId' || field === 'state' || field === 'override' || field === 'violations' || !(field in FIELD_NAMES)) continue;
    const f = field as ItemField;
    // A title or description change names the new one only; the old one is in the history below.
    const from = f === 'title' || f === 'description' || f === 'blocked' || f === 'assigneeId' || f === 'parentKey' ? undefined : before[f];
    phrases.push(describeSet(f, after[f], words, f === 'labels' ? (before[f] ?? []) : from));
  }
  return phrases.length ? andList(phrases) : `edited ${itemKey}`;
}

const stateName = (side: { state?: string; stateId?: number }, words: Vocabulary) =>
  typeof side.state === 'string' ? side.state : side.stateId != null ? words.state(side.stateId) : 'nowhere';
