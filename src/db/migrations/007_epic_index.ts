import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * A product's epics are read by every screen that offers them (filters, swimlanes, the epic
 * picker): a handful of rows among 100,000 items, which without this index meant visiting every
 * item of the product.
 */
export function epicIndex(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await sql`CREATE INDEX items_live_epics ON items (product_id, rank) WHERE type = 'epic' AND deleted_at IS NULL`.execute(db);
    },
  };
}
