import type { TItem } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { TYPE_LABELS } from '../../ui/TypeIcon';

/** The item fields a person edits, as the conflict dialog and the history name them. */
export const FIELD_NAMES = {
  title: 'the title',
  description: 'the description',
  type: 'the type',
  stateId: 'the state',
  estimate: 'the estimate',
  businessValue: 'business value',
  timeCriticality: 'time criticality',
  riskReduction: 'risk reduction',
  jobSize: 'job size',
  riceReach: 'RICE reach',
  riceImpact: 'RICE impact',
  riceConfidence: 'RICE confidence',
  riceEffort: 'RICE effort',
  labels: 'the labels',
  assigneeId: 'the assignee',
  parentKey: 'the epic',
  sprintId: 'the sprint',
  releaseId: 'the release',
  blocked: 'blocked',
  blockedReason: 'the blocked reason',
} as const;
export type ItemField = keyof typeof FIELD_NAMES;
export const ITEM_FIELDS = Object.keys(FIELD_NAMES) as ItemField[];

/** An edit as the PATCH body takes it. */
export type ItemChanges = Partial<Record<ItemField, unknown>>;

/** Names for the ids an item holds: states, people, epics, sprints, releases. */
export interface Vocabulary {
  state: (id: number) => string;
  user: (id: number) => string;
  epic: (key: string) => string;
  sprint: (id: number) => string;
  release: (id: number) => string;
}

export function vocabularyOf(
  product: TProductDetail | undefined,
  sprints: Array<{ id: number; name: string }> = [],
  releases: Array<{ id: number; name: string }> = [],
): Vocabulary {
  return {
    state: (id) => product?.states.find((s) => s.id === id)?.name ?? `state ${id}`,
    user: (id) => product?.members.find((m) => m.userId === id)?.name ?? `user ${id}`,
    epic: (key) => {
      const title = product?.epics.find((e) => e.key === key)?.title;
      return title ? `${key} ${title}` : key;
    },
    sprint: (id) => sprints.find((s) => s.id === id)?.name ?? `sprint ${id}`,
    release: (id) => releases.find((r) => r.id === id)?.name ?? `release ${id}`,
  };
}

/** An item's value for a field, in the shape the PATCH body uses (assignee as its id). */
export function fieldValue(item: TItem, field: ItemField): unknown {
  if (field === 'assigneeId') return item.assignee?.id ?? null;
  return item[field];
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return (a ?? null) === (b ?? null);
}

const quote = (s: string) => `“${s.length > 80 ? `${s.slice(0, 78)}…` : s}”`;

/** A value as a sentence shows it: “a title”, 5, Bob, none. */
export function formatValue(field: ItemField | string, value: unknown, words: Vocabulary): string {
  if (value === null || value === undefined || value === '') {
    return field === 'assigneeId' ? 'nobody' : 'none';
  }
  switch (field) {
    case 'title':
    case 'blockedReason':
      return quote(String(value));
    case 'type':
      return TYPE_LABELS[value as keyof typeof TYPE_LABELS] ?? String(value);
    case 'stateId':
      return words.state(Number(value));
    case 'assigneeId':
      return words.user(Number(value));
    case 'parentKey':
      return words.epic(String(value));
    case 'sprintId':
      return words.sprint(Number(value));
    case 'releaseId':
      return words.release(Number(value));
    case 'labels':
      return Array.isArray(value) && value.length ? value.join(', ') : 'none';
    case 'riceConfidence':
      return `${String(value)}%`;
    case 'estimate':
      return `${String(value)} pt`;
    default:
      return String(value);
  }
}

/**
 * What setting one field reads like after a name: "changed the title to “…”", "edited the
 * description", "marked it blocked", "assigned it to Bob".
 */
export function describeSet(field: ItemField, value: unknown, words: Vocabulary, from?: unknown): string {
  const was = from === undefined ? '' : ` from ${formatValue(field, from, words)}`;
  switch (field) {
    case 'description':
      return 'edited the description';
    case 'blocked':
      return value ? 'marked it blocked' : 'unblocked it';
    case 'blockedReason':
      return value ? `gave the blocked reason ${formatValue(field, value, words)}` : 'cleared the blocked reason';
    case 'assigneeId':
      return value == null ? 'unassigned it' : `assigned it to ${formatValue(field, value, words)}`;
    case 'parentKey':
      return value == null ? 'took it out of its epic' : `put it in epic ${formatValue(field, value, words)}`;
    case 'stateId':
      return `moved it${was} to ${formatValue(field, value, words)}`;
    case 'labels':
      return labelChange(from, value);
    case 'sprintId':
      return value == null
        ? 'took it out of its sprint'
        : `${from == null ? 'added it to' : 'moved it to'} ${formatValue(field, value, words)}`;
    case 'releaseId':
      return value == null ? 'took it out of its release' : `planned it for ${formatValue(field, value, words)}`;
    default:
      return `changed ${FIELD_NAMES[field]}${was} to ${formatValue(field, value, words)}`;
  }
}

function labelChange(from: unknown, to: unknown): string {
  const before = Array.isArray(from) ? (from as string[]) : [];
  const after = Array.isArray(to) ? (to as string[]) : [];
  const added = after.filter((l) => !before.includes(l));
  const removed = before.filter((l) => !after.includes(l));
  const parts = [];
  if (added.length) parts.push(`added the label${added.length > 1 ? 's' : ''} ${added.join(', ')}`);
  if (removed.length) parts.push(`removed the label${removed.length > 1 ? 's' : ''} ${removed.join(', ')}`);
  if (!parts.length) return from === undefined ? `set the labels to ${after.join(', ') || 'none'}` : 'reordered the labels';
  return parts.join(' and ');
}

/** "a, b and c" */
export function andList(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
