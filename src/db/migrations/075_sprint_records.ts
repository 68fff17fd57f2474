import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * A closed sprint's record, kept when it closes: each item it held at any moment between its start
 * and its close — committed or added, and done, moved on or removed — with its estimate at the
 * moments that count. The close moves unfinished items out of the sprint, so without this the
 * sprint would later show only what it finished. Where they went is in the close's activity row.
 *
 * Sprints closed before this migration have no rows (recorded_at stays null); their record is
 * replayed from the activity log when read (services/sprints/sprint-record.ts).
 */
export function sprintRecords(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('sprints').addColumn('recorded_at', 'text').execute();
      await db.schema
        .createTable('sprint_record_items')
        .addColumn('sprint_id', 'integer', (c) => c.notNull().references('sprints.id').onDelete('cascade'))
        // The item's key, title and type as they were at the close, so the record reads on its own.
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addColumn('item_key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('committed', 'integer', (c) => c.notNull())
        .addColumn('added', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('start_points', 'double precision')
        .addColumn('joined_points', 'double precision')
        .addColumn('end_points', 'double precision')
        .addPrimaryKeyConstraint('sprint_record_items_pk', ['sprint_id', 'item_id'])
        .execute();
    },
  };
}
