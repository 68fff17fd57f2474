import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Requests from stakeholders and customers (src/services/requests/): votes (one per person),
 * customers ("+ customer"), and triage (linked to an item, merged into another request, declined
 * with a reason). Each request counts its votes and customers, and each item the requests linked
 * to it with their distinct voters and customers, in columns kept in the writing transaction.
 */
export function requests(dialect: Dialect) {
  const withId = (t: any) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('requests'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('title', 'text', (c: any) => c.notNull())
        .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
        /** the customer or segment it is for, as first given */
        .addColumn('customer', 'text', (c: any) => c.notNull())
        /** 'low' | 'medium' | 'high' | 'critical' */
        .addColumn('impact', 'text', (c: any) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('requester_id', 'integer', (c: any) => c.notNull().references('users.id'))
        /** 'new' | 'linked' | 'merged' | 'declined' */
        .addColumn('state', 'text', (c: any) => c.notNull().defaultTo('new'))
        .addColumn('item_id', 'integer', (c: any) => c.references('items.id').onDelete('set null'))
        .addColumn('merged_into_id', 'integer', (c: any) => c.references('requests.id').onDelete('set null'))
        .addColumn('decline_reason', 'text')
        .addColumn('triaged_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('triaged_at', 'text')
        /** when its requester and voters were told its item is done */
        .addColumn('shipped_at', 'text')
        .addColumn('votes', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('customers', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('updated_at', 'text', (c: any) => c.notNull())
        .execute();
      await db.schema.createIndex('requests_product_state').on('requests').columns(['product_id', 'state', 'created_at', 'id']).execute();
      await db.schema.createIndex('requests_product_votes').on('requests').columns(['product_id', 'state', 'votes', 'id']).execute();
      await db.schema.createIndex('requests_item').on('requests').columns(['item_id', 'state']).execute();
      await db.schema.createIndex('requests_merged').on('requests').column('merged_into_id').execute();

      await db.schema
        .createTable('request_votes')
        .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('request_votes_pk', ['request_id', 'user_id'])
        .execute();
      await db.schema.createIndex('request_votes_user').on('request_votes').column('user_id').execute();

      await db.schema
        .createTable('request_customers')
        .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
        /** the name folded (trimmed, lower case, spaces collapsed): "ACME  corp" and "Acme Corp" are one customer */
        .addColumn('customer_key', 'text', (c) => c.notNull())
        .addColumn('customer', 'text', (c) => c.notNull())
        .addColumn('added_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('request_customers_pk', ['request_id', 'customer_key'])
        .execute();

      for (const column of ['request_count', 'request_votes', 'request_customers'])
        await db.schema
          .alterTable('items')
          .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      // The backlog sorted by votes: most voted first, the owner's order among equals.
      await sql`CREATE INDEX items_live_votes ON items (product_id, request_votes DESC, rank) WHERE deleted_at IS NULL`.execute(db);
    },
  };
}
