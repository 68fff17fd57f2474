import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * A board's done columns send the 200 items finished last. Without this index each rebuild of the
 * board (after any change to the product) sorted every item of the column by done_at; with it,
 * the column's newest 200 are a walk along one index.
 */
export function doneColumnIndex(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      // Written as the board orders (services/items/board.ts: done_at descending, nulls last), or PostgreSQL ignores it.
      const order = dialect === 'postgres' ? sql`done_at DESC NULLS LAST` : sql`done_at DESC`;
      await sql`CREATE INDEX items_live_done ON items (state_id, ${order}, id DESC) WHERE deleted_at IS NULL`.execute(db);
    },
  };
}
