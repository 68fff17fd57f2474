import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Reporting up (src/services/updates/, src/services/share-links/): status updates, drafted from
 * the data and published with a health; and share links, read-only capabilities for people
 * without an account. A product has at most one open draft (the partial unique index), so two
 * owners pressing "New status update" land in the same draft. A share link keeps only the SHA-256
 * of its token: a leaked database opens no link.
 */
export function statusUpdates(dialect: Dialect) {
  const withId = (t: any) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('status_updates'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        /** 'draft' | 'published' */
        .addColumn('state', 'text', (c: any) => c.notNull())
        .addColumn('body', 'text', (c: any) => c.notNull())
        /** 'on_track' | 'at_risk' | 'off_track'; null on a draft until the owner picks one */
        .addColumn('health', 'text')
        .addColumn('suggested_health', 'text', (c: any) => c.notNull())
        .addColumn('suggested_reason', 'text', (c: any) => c.notNull())
        /** the period the draft covers starts here: the previous update's publication, or the product's creation */
        .addColumn('since', 'text', (c: any) => c.notNull())
        .addColumn('author_id', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('updated_at', 'text', (c: any) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('corrected_at', 'text')
        .addColumn('corrected_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('correction_note', 'text')
        .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
        .execute();
      await sql`CREATE UNIQUE INDEX status_updates_one_draft ON status_updates (product_id) WHERE state = 'draft'`.execute(db);
      await sql`CREATE INDEX status_updates_published ON status_updates (product_id, published_at, id) WHERE state = 'published'`.execute(
        db,
      );

      await withId(db.schema.createTable('share_links'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('label', 'text', (c: any) => c.notNull())
        .addColumn('token_hash', 'text', (c: any) => c.notNull().unique())
        .addColumn('show_updates', 'integer', (c: any) => c.notNull())
        .addColumn('show_forecasts', 'integer', (c: any) => c.notNull())
        .addColumn('show_roadmap', 'integer', (c: any) => c.notNull())
        .addColumn('created_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_opened_at', 'text')
        .addColumn('open_count', 'integer', (c: any) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('share_links_product').on('share_links').columns(['product_id', 'created_at']).execute();
    },
  };
}
