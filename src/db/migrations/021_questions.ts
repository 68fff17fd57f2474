import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Questions to the product owner and the decision log (src/services/questions/): a question on an
 * item or on the product, optionally addressed to one person; its answer; decisions, each linked to
 * its items and to the decision it supersedes. Items count their open questions in a column kept
 * in the writing transaction, so the board and the backlog show the count without a join.
 */
export function questions(dialect: Dialect) {
  const withId = (t: any) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('questions'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('item_id', 'integer', (c: any) => c.references('items.id').onDelete('cascade'))
        .addColumn('asker_id', 'integer', (c: any) => c.notNull().references('users.id'))
        /** null: the product's owners */
        .addColumn('addressee_id', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('body', 'text', (c: any) => c.notNull())
        /** 'open' | 'answered' */
        .addColumn('state', 'text', (c: any) => c.notNull().defaultTo('open'))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('answered_at', 'text')
        .addColumn('decision_id', 'integer')
        .execute();
      // Open questions oldest first (the inbox, the product's list); answered newest first.
      await sql`CREATE INDEX questions_open ON questions (product_id, created_at, id) WHERE state = 'open'`.execute(db);
      await sql`CREATE INDEX questions_open_addressee ON questions (addressee_id, created_at, id) WHERE state = 'open'`.execute(db);
      // Counting what waits for someone reads these columns only.
      await sql`CREATE INDEX questions_open_count ON questions (product_id, addressee_id, asker_id) WHERE state = 'open'`.execute(db);
      await sql`CREATE INDEX questions_answered ON questions (product_id, answered_at, id) WHERE state = 'answered'`.execute(db);
      await db.schema.createIndex('questions_item').on('questions').columns(['item_id', 'state']).execute();

      await withId(db.schema.createTable('decisions'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('question_id', 'integer', (c: any) => c.references('questions.id').onDelete('set null'))
        .addColumn('title', 'text', (c: any) => c.notNull())
        .addColumn('body', 'text', (c: any) => c.notNull())
        .addColumn('decided_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('decided_at', 'text', (c: any) => c.notNull())
        .addColumn('supersedes_id', 'integer', (c: any) => c.references('decisions.id').onDelete('set null'))
        .addColumn('superseded_by_id', 'integer', (c: any) => c.references('decisions.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('decisions_product').on('decisions').columns(['product_id', 'decided_at', 'id']).execute();

      await db.schema
        .createTable('decision_items')
        .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('decision_items_pk', ['decision_id', 'item_id'])
        .execute();
      await db.schema.createIndex('decision_items_item').on('decision_items').column('item_id').execute();

      await db.schema
        .alterTable('items')
        .addColumn('open_questions', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
