import type { Conn } from '../../db/schema.js';
import { TRACKED_FIELDS, type ItemHistory, type TrackedField } from '../../domain/flow.js';

/* Item histories, for burndown and burnup. */

const CHUNK = 500;

/**
 * Current values and every change to sprint, release, state and estimate of the given items,
 * read from the activity log. Only rows that touch a tracked field are parsed.
 */
export async function loadHistories(db: Conn, itemIds: readonly number[]): Promise<ItemHistory[]> {
  const histories = new Map<number, ItemHistory>();
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    const ids = itemIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('items')
      .select(['id', 'key', 'title', 'type', 'parent_id', 'created_at', 'deleted_at', 'sprint_id', 'release_id', 'state_id', 'estimate'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) {
      histories.set(r.id, {
        id: r.id,
        key: r.key,
        title: r.title,
        type: r.type,
        parentId: r.parent_id,
        createdAt: r.created_at,
        deletedAt: r.deleted_at,
        current: { sprintId: r.sprint_id, releaseId: r.release_id, stateId: r.state_id, estimate: r.estimate },
        changes: [],
      });
    }
    const activity = await db
      .selectFrom('activity')
      .select(['item_id', 'before', 'after', 'created_at'])
      .where('item_id', 'in', ids)
      .where('entity_type', '=', 'item')
      .where('action', 'in', ['moved', 'updated'])
      .orderBy('event_number')
      .execute();
    for (const a of activity) {
      const h = histories.get(a.item_id!);
      if (!h || !a.after || !TRACKED_FIELDS.some((f) => a.after!.includes(`"${f}"`))) continue;
      const before = a.before ? (JSON.parse(a.before) as Record<string, unknown>) : {};
      const after = JSON.parse(a.after) as Record<string, unknown>;
      for (const field of TRACKED_FIELDS) {
        if (!(field in after)) continue;
        h.changes.push({ at: a.created_at, field: field as TrackedField, before: asNumber(before[field]), after: asNumber(after[field]) });
      }
    }
  }
  return [...histories.values()];
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Ids of items whose activity ever set or cleared `field` to `value` since `since`. */
export async function itemsEverWith(
  db: Conn,
  productId: number,
  field: 'sprintId' | 'releaseId',
  value: number,
  since: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('activity')
    .select('item_id')
    .distinct()
    .where('product_id', '=', productId)
    .where('entity_type', '=', 'item')
    .where('created_at', '>=', since)
    .where((eb) =>
      eb.or(
        [`"${field}":${value},`, `"${field}":${value}}`].flatMap((needle) => [
          eb('before', 'like', `%${needle}%`),
          eb('after', 'like', `%${needle}%`),
        ]),
      ),
    )
    .execute();
  return rows.flatMap((r) => (r.item_id === null ? [] : [r.item_id]));
}
