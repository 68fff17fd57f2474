import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Import jobs (src/services/imports/): one row per upload, written when it starts and when it
 * ends, so its starter can read the report (or the error) from any process later. Progress while
 * it runs lives in the process that runs it: the import's own transaction holds SQLite's one
 * connection, and a job row updated every few hundred rows would be one more write to wait for.
 */
export function importJobs(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      const t = db.schema.createTable('import_jobs');
      await (
        dialect === 'postgres'
          ? t.addColumn('id', 'serial', (c) => c.primaryKey())
          : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      )
        .addColumn('product_key', 'text', (c) => c.notNull())
        /** 'jira' | 'trello' */
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('dry_run', 'integer', (c) => c.notNull())
        /** 'running' | 'done' | 'failed' */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        /** JSON: the report (contract ZImportReport) */
        .addColumn('report', 'text')
        /** JSON: { code, message, where } */
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('import_jobs_created_by').on('import_jobs').columns(['created_by', 'id']).execute();
    },
  };
}
