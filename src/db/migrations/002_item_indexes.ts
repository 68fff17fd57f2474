import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Indexes the backlog and the board read by, measured on a 100,000-item product:
 * - ranks compare byte by byte on PostgreSQL whatever the cluster's collation (fractional-index
 *   keys put '0-9A-Za-z' in that order; en_US would interleave capitals and small letters);
 * - live items per state in rank order, so board columns, their counts and WIP limits are read
 *   from the index alone instead of visiting every row of the product;
 * - live items per product by WSJF, so the advice order is a walk along an index, not a sort of
 *   the whole backlog;
 * - blocked items per product in rank order: few, and otherwise found only by reading every row;
 * - parent, assignee, sprint and release indexed only where set: most items have none of them,
 *   and every NULL entry cost each new item four more index pages written (a quarter of the
 *   database's work per created item, measured).
 */
export function itemIndexes(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') await sql`ALTER TABLE items ALTER COLUMN rank TYPE text COLLATE "C"`.execute(db);
      await sql`CREATE INDEX items_live_state ON items (state_id, rank) WHERE deleted_at IS NULL`.execute(db);
      const nullsLast = dialect === 'postgres' ? sql` NULLS LAST` : sql``;
      // The list query orders by this very expression (services/items/find-items.ts), or the index goes unused.
      await sql`CREATE INDEX items_live_wsjf ON items (product_id, ((business_value + time_criticality + risk_reduction) / NULLIF(job_size, 0)) DESC${nullsLast}, rank) WHERE deleted_at IS NULL`.execute(
        db,
      );
      await sql`CREATE INDEX items_blocked ON items (product_id, rank) WHERE blocked = 1 AND deleted_at IS NULL`.execute(db);
      for (const column of ['parent_id', 'assignee_id', 'sprint_id', 'release_id']) {
        const index = `items_${column.replace('_id', '')}`;
        await sql`DROP INDEX ${sql.ref(index)}`.execute(db);
        await sql`CREATE INDEX ${sql.ref(index)} ON items (${sql.ref(column)}) WHERE ${sql.ref(column)} IS NOT NULL`.execute(db);
      }
    },
  };
}
