import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Files and images on items (and, through the item, in its comments). The bytes live on disk,
 * content-addressed by their sha256 (services/attachments/file-store.ts); a row says whose item a
 * file is on, who uploaded it and under what name and type. Rows go with their item.
 */
export function attachments(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('attachments')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('uploader_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_item').on('attachments').columns(['item_id', 'id']).execute();
      // "Is this file still used?" when an item is purged.
      await db.schema.createIndex('attachments_sha256').on('attachments').column('sha256').execute();
    },
  };
}
