import type { TActivity } from '@ordo/contract';
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
  const before = a.before ?? {};
  const after = a.after ?? {};
  switch (a.entityType) {
    case 'comment':
      if (a.action === 'created') return 'commented';
      if (a.action === 'updated') return 'edited a comment';
      if (a.action === 'deleted') return 'deleted a comment';
      break;
    case 'criterion': {
      const text = quote(after.text ?? before.text);
      if (a.action === 'created') return `added criterion ${text}`;
      if (a.action === 'accepted') return `accepted criterion ${text}`;
      if (a.action === 'unaccepted') return `withdrew the acceptance of ${text}`;
      if (a.action === 'updated') return `reworded criterion ${quote(before.text)} to ${text}`;
      if (a.action === 'reordered') return `moved criterion ${text} in the checklist`;
      if (a.action === 'deleted') return `removed criterion ${text}`;
      break;
    }
    case 'link': {
      const side = (a.action === 'deleted' ? before : after) as { kind?: string; key?: string; title?: string };
      const what = `${LINK_WORDS[side.kind ?? ''] ?? 'is linked to'} ${side.key ?? ''}${side.title ? ` ${quote(side.title)}` : ''}`;
      return a.action === 'deleted' ? `removed the link: ${itemKey} ${what}` : `linked ${itemKey}: it ${what}`;
    }
    case 'item':
      return describeItemChange(a, itemKey, words);
  }
  return `${a.action} ${a.entityType}`;
}

function describeItemChange(a: TActivity, itemKey: string, words: Vocabulary): string {
  const before = a.before ?? {};
  const after = a.after ?? {};
  const overridden = after.override ? ' (rules overridden)' : '';
  switch (a.action) {
    case 'created':
      return `created ${itemKey}${after.state ? ` in ${String(after.state)}` : ''}`;
    case 'deleted':
      return `moved ${itemKey} to the trash`;
    case 'restored':
      return `restored ${itemKey} from the trash`;
    case 'moved':
      if (before.stateId !== after.stateId)
        return `moved ${itemKey} from ${stateName(before, words)} to ${stateName(after, words)}${overridden}`;
      return `reordered ${itemKey}`;
    case 'updated': {
      const phrases: string[] = [];
      if ('stateId' in after) phrases.push(`moved ${itemKey} from ${stateName(before, words)} to ${stateName(after, words)}${overridden}`);
      for (const field of Object.keys(after)) {
        if (field === 'stateId' || field === 'state' || field === 'override' || field === 'violations' || !(field in FIELD_NAMES)) continue;
        const f = field as ItemField;
        // A title or description change names the new one only; the old one is in the history below.
        const from =
          f === 'title' || f === 'description' || f === 'blocked' || f === 'assigneeId' || f === 'parentKey' ? undefined : before[f];
        phrases.push(describeSet(f, after[f], words, f === 'labels' ? (before[f] ?? []) : from));
      }
      return phrases.length ? andList(phrases) : `edited ${itemKey}`;
    }
  }
  return `${a.action} ${itemKey}`;
}

const stateName = (side: Record<string, unknown>, words: Vocabulary) =>
  typeof side.state === 'string' ? side.state : side.stateId != null ? words.state(Number(side.stateId)) : 'nowhere';
