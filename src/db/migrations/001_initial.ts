import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Everything Ordo 0.1 stores. Types are chosen to mean the same on SQLite and PostgreSQL. */
export function initial(dialect: Dialect) {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const float = 'double precision';
  const withId = (t: any) =>
    dialect === 'postgres'
      ? t.addColumn('id', id, (c: any) => c.primaryKey())
      : t.addColumn('id', id, (c: any) => c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('users'))
        .addColumn('email', 'text', (c: any) => c.notNull().unique())
        .addColumn('name', 'text', (c: any) => c.notNull())
        .addColumn('password_hash', 'text', (c: any) => c.notNull())
        .addColumn('is_admin', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await withId(db.schema.createTable('api_tokens'))
        .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c: any) => c.notNull())
        .addColumn('token_hash', 'text', (c: any) => c.notNull().unique())
        .addColumn('prefix', 'text', (c: any) => c.notNull())
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('products'))
        .addColumn('key', 'text', (c: any) => c.notNull().unique())
        .addColumn('name', 'text', (c: any) => c.notNull())
        .addColumn('vision', 'text', (c: any) => c.notNull().defaultTo(''))
        .addColumn('last_event', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('next_item_number', 'integer', (c: any) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('updated_at', 'text', (c: any) => c.notNull())
        .addColumn('archived_at', 'text')
        .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('memberships')
        .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['product_id', 'user_id'])
        .execute();
      await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

      await withId(db.schema.createTable('workflow_states'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('name', 'text', (c: any) => c.notNull())
        .addColumn('category', 'text', (c: any) => c.notNull())
        .addColumn('position', 'integer', (c: any) => c.notNull())
        .addColumn('wip_limit', 'integer')
        .addColumn('entry_rules', 'text', (c: any) => c.notNull().defaultTo('[]'))
        .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('workflow_states_product').on('workflow_states').columns(['product_id', 'position']).execute();

      await withId(db.schema.createTable('sprints'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('name', 'text', (c: any) => c.notNull())
        .addColumn('goal', 'text', (c: any) => c.notNull().defaultTo(''))
        .addColumn('start_date', 'text')
        .addColumn('end_date', 'text')
        .addColumn('state', 'text', (c: any) => c.notNull().defaultTo('planned'))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('sprints_product').on('sprints').column('product_id').execute();

      await withId(db.schema.createTable('releases'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('name', 'text', (c: any) => c.notNull())
        .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
        .addColumn('target_date', 'text')
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('released_at', 'text')
        .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('releases_product').on('releases').column('product_id').execute();

      await withId(db.schema.createTable('items'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c: any) => c.notNull())
        .addColumn('key', 'text', (c: any) => c.notNull().unique())
        .addColumn('type', 'text', (c: any) => c.notNull())
        .addColumn('title', 'text', (c: any) => c.notNull())
        .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
        .addColumn('state_id', 'integer', (c: any) => c.notNull().references('workflow_states.id'))
        .addColumn('rank', 'text', (c: any) => c.notNull())
        .addColumn('estimate', float)
        .addColumn('business_value', float)
        .addColumn('time_criticality', float)
        .addColumn('risk_reduction', float)
        .addColumn('job_size', float)
        .addColumn('rice_reach', float)
        .addColumn('rice_impact', float)
        .addColumn('rice_confidence', float)
        .addColumn('rice_effort', float)
        .addColumn('labels', 'text', (c: any) => c.notNull().defaultTo('[]'))
        .addColumn('assignee_id', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('parent_id', 'integer', (c: any) => c.references('items.id').onDelete('set null'))
        .addColumn('sprint_id', 'integer', (c: any) => c.references('sprints.id').onDelete('set null'))
        .addColumn('release_id', 'integer', (c: any) => c.references('releases.id').onDelete('set null'))
        .addColumn('blocked', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('blocked_reason', 'text')
        .addColumn('blocked_since', 'text')
        .addColumn('blocked_seconds', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('updated_at', 'text', (c: any) => c.notNull())
        .addColumn('state_entered_at', 'text', (c: any) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('done_at', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
        .execute();
      // The rank index is unique per product: two concurrent moves into one gap cannot both win.
      await db.schema.createIndex('items_product_rank').on('items').columns(['product_id', 'rank']).unique().execute();
      await db.schema.createIndex('items_product_number').on('items').columns(['product_id', 'number']).unique().execute();
      await db.schema.createIndex('items_state').on('items').columns(['state_id', 'rank']).execute();
      await db.schema.createIndex('items_parent').on('items').column('parent_id').execute();
      await db.schema.createIndex('items_assignee').on('items').column('assignee_id').execute();
      await db.schema.createIndex('items_sprint').on('items').column('sprint_id').execute();
      await db.schema.createIndex('items_release').on('items').column('release_id').execute();

      await db.schema
        .createTable('item_labels')
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('product_id', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_labels_pk', ['item_id', 'label'])
        .execute();
      await db.schema.createIndex('item_labels_label').on('item_labels').columns(['product_id', 'label']).execute();

      await withId(db.schema.createTable('item_links'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull())
        .addColumn('from_item_id', 'integer', (c: any) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('to_item_id', 'integer', (c: any) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c: any) => c.notNull())
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addUniqueConstraint('item_links_unique', ['from_item_id', 'to_item_id', 'kind'])
        .execute();
      await db.schema.createIndex('item_links_to').on('item_links').column('to_item_id').execute();

      await withId(db.schema.createTable('acceptance_criteria'))
        .addColumn('item_id', 'integer', (c: any) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('text', 'text', (c: any) => c.notNull())
        .addColumn('position', float, (c: any) => c.notNull())
        .addColumn('accepted', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('accepted_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('accepted_at', 'text')
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .execute();
      await db.schema.createIndex('criteria_item').on('acceptance_criteria').columns(['item_id', 'position']).execute();

      await withId(db.schema.createTable('comments'))
        .addColumn('item_id', 'integer', (c: any) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('author_id', 'integer', (c: any) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c: any) => c.notNull())
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addColumn('updated_at', 'text', (c: any) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('comments_item').on('comments').columns(['item_id', 'id']).execute();

      await withId(db.schema.createTable('activity'))
        .addColumn('product_id', 'integer', (c: any) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('event_number', 'integer', (c: any) => c.notNull())
        .addColumn('actor_id', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
        .addColumn('entity_type', 'text', (c: any) => c.notNull())
        .addColumn('entity_id', 'integer', (c: any) => c.notNull())
        .addColumn('item_id', 'integer')
        .addColumn('action', 'text', (c: any) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('created_at', 'text', (c: any) => c.notNull())
        .addUniqueConstraint('activity_product_event', ['product_id', 'event_number'])
        .execute();
      await db.schema.createIndex('activity_item').on('activity').columns(['item_id', 'event_number']).execute();
      await db.schema.createIndex('activity_product_time').on('activity').columns(['product_id', 'created_at']).execute();

      // Full-text search: FTS5 on SQLite, a generated tsvector on PostgreSQL (src/db/search.ts).
      if (dialect === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE items_fts USING fts5(key, title, description, content='items', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(
          db,
        );
        await sql`CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
          INSERT INTO items_fts(rowid, key, title, description) VALUES (new.id, new.key, new.title, new.description);
        END`.execute(db);
        await sql`CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
          INSERT INTO items_fts(items_fts, rowid, key, title, description) VALUES ('delete', old.id, old.key, old.title, old.description);
        END`.execute(db);
        await sql`CREATE TRIGGER items_fts_au AFTER UPDATE OF key, title, description ON items BEGIN
          INSERT INTO items_fts(items_fts, rowid, key, title, description) VALUES ('delete', old.id, old.key, old.title, old.description);
          INSERT INTO items_fts(rowid, key, title, description) VALUES (new.id, new.key, new.title, new.description);
        END`.execute(db);
      } else {
        await sql`ALTER TABLE items ADD COLUMN search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', key), 'A') ||
          setweight(to_tsvector('simple', title), 'A') ||
          setweight(to_tsvector('simple', description), 'B')) STORED`.execute(db);
        await sql`CREATE INDEX items_search ON items USING GIN (search)`.execute(db);
      }
    },
  };
}
