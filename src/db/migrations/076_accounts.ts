import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Accounts an admin can shut off (docs/decisions/0018): sessions say where they come from and when
 * they were last used, so their owner can tell them apart on the Profile page; admin actions on
 * accounts are kept in their own log, as the activity log is per product and these are not.
 */
export function accounts(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
      await db.schema
        .createTable('account_events')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // null when done from the command line, where nobody is signed in
        .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('account_events_user').on('account_events').columns(['user_id', 'id']).execute();
    },
  };
}
