import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * PostgreSQL plans from table statistics, which autovacuum refreshes only after a tenth of a
 * table has changed. A product filled by an import or a busy week had none, and the neighbour
 * lookup of a move sorted the product's items (3–16 ms) instead of stepping along the rank index
 * (0.07 ms after ANALYZE, measured at 100,000 items). Refresh after 1 % instead.
 */
export function itemsStatistics(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      await sql`ALTER TABLE items SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500)`.execute(db);
      await sql`ALTER TABLE activity SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 500)`.execute(db);
    },
  };
}
