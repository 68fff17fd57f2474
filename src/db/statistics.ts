import { sql } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Conn } from './schema.js';

/**
 * PostgreSQL plans from table statistics, which autovacuum refreshes on its own schedule: a minute
 * or more after a bulk write, and never where an operator has turned it off. Until then a product
 * an import has just filled is planned as if it were empty, and its backlog read sorts every item
 * instead of walking the rank index (19.7 ms against 0.3 ms a call at 2,000 items, measured with
 * pg_stat_statements). So a bulk write refreshes them itself, once it has committed. SQLite plans
 * our queries from the indexes alone.
 */
export async function refreshStatistics(db: Conn, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  // Called after the import has committed: a failure here must not report the import as failed.
  // The statistics are then autovacuum's to refresh, as before.
  await sql`ANALYZE items, activity`.execute(db).catch(() => {});
}

/** Connections (pools) with a growth refresh running: one at a time is enough. */
const refreshing = new WeakSet<object>();

/**
 * A product that grows by creates alone is never seen by the planner either: autovacuum analyzes
 * `items` only after a tenth of the table has changed, so in an organisation with 100,000 items a
 * new product's first 10,000 are planned as if there were none. The bottom-rank read of every
 * create and the anchor read of every move then walk the whole product through
 * `items_product_number` and sort it (1.1–2.1 ms a call at 2,000 items, against 0.03 ms through
 * `items_product_rank`, read off auto_explain in the kanban bench). So when a product's item
 * number reaches 128, 256, 512, … the process refreshes the statistics of the columns whose new
 * values a new product brings, after the create has committed and without waiting for it:
 * ANALYZE takes no lock a reader or writer waits for, and costs about 130 ms of the database's
 * CPU at 100,000 items, about ten times over a product's first 100,000 items.
 */
export function refreshStatisticsAsProductGrows(db: Conn, dialect: Dialect, itemNumber: number): void {
  if (dialect !== 'postgres' || itemNumber < 128 || (itemNumber & (itemNumber - 1)) !== 0) return;
  if (refreshing.has(db)) return;
  refreshing.add(db);
  void sql`ANALYZE items (product_id, state_id)`
    .execute(db)
    .catch(() => {})
    .finally(() => refreshing.delete(db));
}
