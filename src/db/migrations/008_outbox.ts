import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Work to do after a change commits (e-mails, webhook deliveries): written in the change's own
 * transaction, claimed and done by whichever server process gets to it first (src/services/outbox.ts).
 */
export function outbox(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('outbox')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        /** when it is due: now, or later after a failed attempt */
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        /** a process working on it holds it until then; a process that died lets it go by itself */
        .addColumn('claimed_until', 'text')
        .addColumn('done_at', 'text')
        .addColumn('failed_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await sql`CREATE INDEX outbox_due ON outbox (run_at) WHERE done_at IS NULL AND failed_at IS NULL`.execute(db);
    },
  };
}
