import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * `ordo demo` is all-or-nothing even when its process is killed (src/cli/demo-builds.ts). A demo
 * says durably that it is building before its first write (a `demo_builds` row: where the ids
 * stood, its people's e-mail domain, which process on which host, its last sign of life), and
 * marks the products it makes `building_since` so nobody outside the demo sees them half-made.
 * Its last transaction clears both; the next start of Ordo removes what a vanished builder left.
 */
export function demoBuilds(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('products').addColumn('building_since', 'text').execute();
      await db.schema
        .createTable('demo_builds')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('domain', 'text', (c) => c.notNull())
        /** the highest user and product ids when the demo started: nothing older is ever removed */
        .addColumn('users_after', 'integer', (c) => c.notNull())
        .addColumn('products_after', 'integer', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        /** refreshed as the demo goes, so a slow demo on another machine is not taken for a dead one */
        .addColumn('alive_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
