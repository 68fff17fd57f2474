import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Failed sign-ins counted per key (`ip:<ip>`, `email:<email>`, `pair:<ip>|<email>`) in fixed
 * windows, in the database so every `ordo serve` on one PostgreSQL shares the count
 * (src/services/auth/login-throttle.ts). Rows whose window has passed are swept now and then.
 */
export function loginThrottle(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('reset_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_throttle_reset_at').on('login_throttle').column('reset_at').execute();
    },
  };
}
