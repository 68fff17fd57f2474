import type { TActivity, TItem } from '@ordo/contract';
import { andList, describeSet, fieldValue, ITEM_FIELDS, sameValue, type ItemChanges, type ItemField, type Vocabulary } from './fields';

/** One field someone else changed since this person read the item. */
export interface TheirChange {
  field: ItemField;
  /** what this person had read */
  base: unknown;
  /** what it is now */
  theirs: unknown;
  /** this person's unsaved value, when they changed the same field */
  mine?: unknown;
}

/** The fields that differ between what was read and what the server has now, with this person's own edit beside each. */
export function theirChanges(base: TItem, current: TItem, mine: ItemChanges): TheirChange[] {
  return ITEM_FIELDS.flatMap((field) => {
    const before = fieldValue(base, field);
    const now = fieldValue(current, field);
    if (sameValue(before, now)) return [];
    return [{ field, base: before, theirs: now, ...(field in mine ? { mine: mine[field] } : {}) }];
  });
}

/** This person's fields that someone else also changed: keeping theirs would overwrite those. */
export const overlapping = (changes: TheirChange[]) => changes.filter((c) => 'mine' in c && !sameValue(c.mine, c.theirs));

/**
 * Who changed which field since `since`, from the item's history (newest first): the most recent
 * writer of a field is named for it.
 */
export function authorsOf(history: TActivity[], since: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of history) {
    if (a.entityType !== 'item' || a.at <= since || !a.after) continue;
    for (const field of Object.keys(a.after)) {
      if (!out.has(field)) out.set(field, a.actor?.name ?? 'Someone');
    }
  }
  return out;
}

/** "Sam changed the title to “…” and the estimate to 5 pt; Ann moved it to Review." */
export function describeTheirChanges(changes: TheirChange[], authors: Map<string, string>, words: Vocabulary): string {
  const byAuthor = new Map<string, string[]>();
  for (const c of changes) {
    const who = authors.get(c.field) ?? 'Someone';
    const phrase = describeSet(c.field, c.theirs, words, c.field === 'labels' ? c.base : undefined);
    byAuthor.set(who, [...(byAuthor.get(who) ?? []), phrase]);
  }
  return [...byAuthor].map(([who, phrases]) => `${who} ${andList(compact(phrases))}`).join('; ') + '.';
}

/** "changed the title to X and changed the estimate to 5" reads better as "changed the title to X and the estimate to 5". */
function compact(phrases: string[]): string[] {
  return phrases.map((p, i) =>
    i > 0 && p.startsWith('changed ') && phrases[i - 1]!.startsWith('changed ') ? p.slice('changed '.length) : p,
  );
}
