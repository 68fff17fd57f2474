import type { Conn } from '../db/schema.js';
import type { TActivity } from '../contract/activity.js';

/**
 * Activity rows of one product after an event number, in order, presented for history and SSE.
 * `afterEvent` is exclusive: a client that has seen N asks for N+1 onwards.
 */
export async function activityAfter(db: Conn, productId: number, afterEvent: number, limit = 500): Promise<TActivity[]> {
  const rows = await activityQuery(db)
    .where('activity.product_id', '=', productId)
    .where('activity.event_number', '>', afterEvent)
    .orderBy('activity.event_number')
    .limit(limit)
    .execute();
  return rows.map(presentActivity);
}

/** The base query every activity read uses: the row with its actor's name and its item's key. */
export function activityQuery(db: Conn) {
  return db
    .selectFrom('activity')
    .innerJoin('products', 'products.id', 'activity.product_id')
    .leftJoin('users', 'users.id', 'activity.actor_id')
    .leftJoin('items', 'items.id', 'activity.item_id')
    .select([
      'activity.event_number',
      'activity.actor_id',
      'activity.entity_type',
      'activity.entity_id',
      'activity.action',
      'activity.before',
      'activity.after',
      'activity.created_at',
      'products.key as product_key',
      'users.name as actor_name',
      'items.key as item_key',
    ]);
}

type ActivityQueryRow = {
  event_number: number;
  actor_id: number | null;
  entity_type: string;
  entity_id: number;
  action: string;
  before: string | null;
  after: string | null;
  created_at: string;
  product_key: string;
  actor_name: string | null;
  item_key: string | null;
};

/** An activity row as the contract shows it. Only `tx.record` writes rows, and it takes only the contract's shapes. */
export function presentActivity(r: ActivityQueryRow): TActivity {
  return {
    id: r.event_number,
    productKey: r.product_key,
    actor: r.actor_id != null && r.actor_name != null ? { id: r.actor_id, name: r.actor_name } : null,
    entityType: r.entity_type,
    entityId: r.entity_id,
    itemKey: r.item_key,
    action: r.action,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
    at: r.created_at,
  } as TActivity;
}
