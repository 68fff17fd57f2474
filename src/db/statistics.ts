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
