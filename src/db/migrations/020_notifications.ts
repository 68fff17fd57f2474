import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Notifications (src/services/notifications/): one row per recipient, numbered per recipient so a
 * person's live stream resumes after the last number it delivered; each person's choices per kind;
 * and the per-person counter and digest schedule.
 */
export function notifications(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        /** the recipient's own sequence: taken from notification_users in the writing transaction, so it commits in order */
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('product_id', 'integer', (c) => c.references('products.id').onDelete('cascade'))
        .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
        /** a path of the web app: /p/PAY/items/PAY-12 */
        .addColumn('link', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text')
        .addColumn('entity_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        /** null: no e-mail; 'immediate' or 'digest': an e-mail is due; 'sent' */
        .addColumn('email_state', 'text')
        .addUniqueConstraint('notifications_user_seq', ['user_id', 'seq'])
        .execute();
      await sql`CREATE INDEX notifications_unread ON notifications (user_id, seq) WHERE read_at IS NULL`.execute(db);
      await sql`CREATE INDEX notifications_digest ON notifications (user_id, seq) WHERE email_state = 'digest'`.execute(db);

      await db.schema
        .createTable('notification_settings')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_settings_pk', ['user_id', 'kind'])
        .execute();

      await db.schema
        .createTable('notification_users')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        /** 0: each e-mail at once; N: at most one e-mail every N minutes */
        .addColumn('digest_minutes', 'integer', (c) => c.notNull().defaultTo(0))
        /** when the digest being collected goes out; null when none is */
        .addColumn('digest_due_at', 'text')
        .addColumn('last_digest_at', 'text')
        .execute();
    },
  };
}
