/**
 * The ids inside the activity log, and how to translate them. An Ordo export names every entity
 * by a reference of its own (items by number, the rest by their order in the file, people by their
 * order of appearance), so the file does not depend on one database's ids; an import translates
 * them back to the new rows' ids. Both directions read this one list of which field of which
 * entity × action holds which kind of id, so they cannot disagree.
 *
 * A reference to a row that no longer exists (a deleted link, a state removed since) becomes 0 on
 * export and stays 0 on import, so such history round-trips unchanged.
 */

export type RefKind =
  | 'item'
  | 'state'
  | 'sprint'
  | 'release'
  | 'person'
  | 'comment'
  | 'criterion'
  | 'link'
  | 'question'
  | 'decision'
  | 'request'
  | 'status_update'
  | 'share_link'
  | 'attachment'
  | 'product';

/** Translates one id of a kind (database id → reference, or back); unknown ids become 0. */
export type Translate = (kind: RefKind, id: number) => number;

/** The kind of row an activity row's `entity_id` names, by its entity type. */
const ENTITY_KINDS: Record<string, RefKind> = {
  item: 'item',
  comment: 'comment',
  criterion: 'criterion',
  link: 'link',
  sprint: 'sprint',
  release: 'release',
  product: 'product',
  member: 'person',
  state: 'state',
  question: 'question',
  decision: 'decision',
  request: 'request',
  status_update: 'status_update',
  share_link: 'share_link',
};

export function entityKind(entityType: string): RefKind | null {
  return ENTITY_KINDS[entityType] ?? null;
}

type Json = Record<string, unknown>;

const num = (v: unknown): v is number => typeof v === 'number';

/** Rewrites the ids inside one `before` or `after` (a copy; the input is left alone). */
export function translateChange(entityType: string, value: Json | null, t: Translate, renameKey?: (key: string) => string): Json | null {
  if (!value) return value;
  const out: Json = { ...value };
  const field = (name: string, kind: RefKind) => {
    if (num(out[name])) out[name] = t(kind, out[name]);
  };
  const userRef = (name: string) => {
    const ref = out[name];
    if (ref && typeof ref === 'object' && num((ref as Json).id))
      out[name] = { ...(ref as Json), id: t('person', (ref as Json).id as number) };
  };
  const key = (name: string) => {
    if (renameKey && typeof out[name] === 'string') out[name] = renameKey(out[name]);
  };
  switch (entityType) {
    case 'item':
      field('stateId', 'state');
      field('sprintId', 'sprint');
      field('releaseId', 'release');
      field('assigneeId', 'person');
      key('key');
      key('parentKey');
      break;
    case 'state':
      field('id', 'state');
      break;
    case 'sprint': {
      const to = out.unfinishedTo;
      if (to && typeof to === 'object' && num((to as Json).sprintId))
        out.unfinishedTo = { ...(to as Json), sprintId: t('sprint', (to as Json).sprintId as number) };
      break;
    }
    case 'comment':
      userRef('author');
      break;
    case 'question':
      userRef('addressee');
      break;
    case 'decision':
      field('questionId', 'question');
      field('supersedes', 'decision');
      field('supersededBy', 'decision');
      if (Array.isArray(out.itemIds)) out.itemIds = out.itemIds.map((id) => (num(id) ? t('item', id) : id));
      break;
    case 'request':
      field('itemId', 'item');
      field('mergedInto', 'request');
      break;
    case 'link':
      key('key');
      break;
  }
  return out;
}
