import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Webhooks (src/services/webhooks/): per product, a URL with the event kinds it wants and the
 * secret its deliveries are signed with; and the log of deliveries, one row per event sent (or
 * to send) to a webhook, with its last attempt's outcome. The attempts themselves are outbox jobs.
 */
export function webhooks(dialect: Dialect) {
  const withId = (t: any) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('webhooks'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('url', 'text', (c: any) => c.notNull())
        /** JSON array of event kinds: `item.moved`, or `item.*` for every action of an entity */
        .addColumn('events', 'text', (c: any) => c.notNull())
        /** the HMAC key; shown once when the webhook is made */
        .addColumn('secret', 'text', (c: any) => c.notNull())
        .addColumn('active', 'integer', (c: any) => c.notNull().defaultTo(1))
        /** failed attempts since the last delivery that succeeded */
        .addColumn('failure_count', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('disabled_at', 'text')
        .addColumn('disabled_reason', 'text')
        .addColumn('created_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .execute();
      // Every mutation asks whether its product has active webhooks: this answers from the index.
      await sql`CREATE INDEX webhooks_active ON webhooks (product_id) WHERE active = 1`.execute(db);

      await withId(db.schema.createTable('webhook_deliveries'))
        .addColumn('webhook_id', 'integer', (c: any) => c.notNull().references('webhooks.id').onDelete('cascade'))
        /** `item.moved`, … */
        .addColumn('event', 'text', (c: any) => c.notNull())
        /** the JSON body sent, signed as it is */
        .addColumn('payload', 'text', (c: any) => c.notNull())
        /** 'pending' | 'retrying' | 'delivered' | 'failed' */
        .addColumn('status', 'text', (c: any) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('response_status', 'integer')
        .addColumn('duration_ms', 'integer')
        /** the start of the last response's body, or why there was none */
        .addColumn('response_excerpt', 'text')
        /** the delivery this one sends again, when redelivered by hand */
        .addColumn('redelivery_of', 'integer')
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('last_attempt_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
    },
  };
}
