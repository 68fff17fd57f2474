import { CompiledQuery } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Trx } from './schema.js';

/** One activity row as mutate() buffers it until just before commit; before and after already JSON. */
export interface ActivityRowInput {
  actorId: number | null;
  entityType: string;
  entityId: number;
  itemId: number | null;
  action: string;
  before: string | null;
  after: string | null;
  createdAt: string;
}

const COLUMNS = 'product_id, event_number, actor_id, entity_type, entity_id, item_id, action, before, after, created_at';
/** SQLite binds at most 32,766 parameters; ten a row. */
const SQLITE_ROWS_PER_INSERT = 500;

/** What appending told of the product: its last event number now, and whether it is archived. */
export interface AppendedActivity {
  lastEvent: number;
  archived: boolean;
  key: string;
  /** whether the product has an active webhook, which then wants to hear of these events (src/services/webhooks/) */
  hasWebhooks: boolean;
}

/**
 * Appends a product's activity rows of one transaction, numbered on from its last event, and
 * returns the last number taken. Taking the numbers updates the product's row, which on
 * PostgreSQL locks it until commit (if the mutation did not lock it first) and so orders
 * concurrent writers' events by commit.
 *
 * The statements are written by hand and compiled once (this runs in every write): on
 * PostgreSQL one round trip takes the numbers, inserts the rows and notifies the other
 * processes (delivered at commit, never on rollback; src/realtime/pg-bus.ts); on SQLite, one
 * update and one insert, both kept prepared by the connection.
 */
export async function appendActivity(
  trx: Trx,
  dialect: Dialect,
  productId: number,
  rows: readonly ActivityRowInput[],
  notifyChannel: string,
): Promise<AppendedActivity> {
  const k = rows.length;
  if (dialect === 'postgres') {
    const json = JSON.stringify(
      rows.map((r, i) => ({
        i: i + 1,
        actor_id: r.actorId,
        entity_type: r.entityType,
        entity_id: r.entityId,
        item_id: r.itemId,
        action: r.action,
        before: r.before,
        after: r.after,
        created_at: r.createdAt,
      })),
    );
    // The writer's clock in the payload lets each listener measure the bus's lag (src/http/metrics.ts).
    const result = await trx.executeQuery<TakenRow>(CompiledQuery.raw(PG_APPEND, [productId, k, json, notifyChannel, Date.now()]));
    return appendedOf(result.rows[0], productId);
  }
  const taken = await trx.executeQuery<TakenRow>(CompiledQuery.raw(SQLITE_TAKE, [k, productId]));
  const appended = appendedOf(taken.rows[0], productId);
  const last = appended.lastEvent;
  for (let start = 0; start < k; start += SQLITE_ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + SQLITE_ROWS_PER_INSERT);
    const params: unknown[] = [];
    chunk.forEach((r, i) =>
      params.push(
        productId,
        last - k + start + i + 1,
        r.actorId,
        r.entityType,
        r.entityId,
        r.itemId,
        r.action,
        r.before,
        r.after,
        r.createdAt,
      ),
    );
    await trx.executeQuery(CompiledQuery.raw(sqliteInsert(chunk.length), params));
  }
  return appended;
}

interface TakenRow {
  last_event: number;
  archived_at: string | null;
  key: string;
  has_webhooks: boolean | number;
}

function appendedOf(row: TakenRow | undefined, productId: number): AppendedActivity {
  if (!row) throw new Error(`product ${productId} not found while recording its activity`);
  return { lastEvent: Number(row.last_event), archived: row.archived_at !== null, key: row.key, hasWebhooks: !!row.has_webhooks };
}

/** Asked in the same statement, so a write to a product without webhooks makes no round trip for them. */
const HAS_WEBHOOKS = (productId: string) =>
  `EXISTS (SELECT 1 FROM webhooks WHERE webhooks.product_id = ${productId} AND webhooks.active = 1)`;

const PG_APPEND = `WITH n AS (
  UPDATE products SET last_event = last_event + $2::int WHERE id = $1::int RETURNING last_event, archived_at, key
), ins AS (
  INSERT INTO activity (${COLUMNS})
  SELECT $1::int, n.last_event - $2::int + r.i, r.actor_id, r.entity_type, r.entity_id, r.item_id, r.action, r.before, r.after, r.created_at
  FROM n, json_to_recordset($3::json) AS r(i int, actor_id int, entity_type text, entity_id int, item_id int, action text, before text, after text, created_at text)
)
SELECT n.last_event, n.archived_at, n.key, ${HAS_WEBHOOKS('$1::int')} AS has_webhooks, pg_notify($4::text, $1::int::text || ':' || n.last_event::text || ':' || $5::bigint::text) AS notified FROM n`;

const SQLITE_TAKE = `UPDATE products SET last_event = last_event + ? WHERE id = ? RETURNING last_event, archived_at, key, ${HAS_WEBHOOKS('products.id')} AS has_webhooks`;

const sqliteInserts = new Map<number, string>();
function sqliteInsert(n: number): string {
  let text = sqliteInserts.get(n);
  if (!text) {
    text = `INSERT INTO activity (${COLUMNS}) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    sqliteInserts.set(n, text);
  }
  return text;
}
