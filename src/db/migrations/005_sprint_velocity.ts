import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Delivery: what a sprint finished, recorded when it closes (velocity must not change when a done
 * item is later reopened); at most one active sprint per product, enforced by the database so two
 * owners starting sprints at once cannot both win; and `flow_daily`, the cumulative-flow chart's
 * running totals.
 *
 * flow_daily holds, per product, day, state and item type, the net number of items that entered
 * the state that day. A trigger keeps it in step with the activity log in the writing transaction
 * (creations and state changes; a deleted item leaves its state, a restored one comes back), so a
 * year of flow for 100,000 items is a few thousand small rows instead of a scan of the whole log.
 */
export function sprintVelocity(dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('sprints').addColumn('completed_points', 'double precision').execute();
      await db.schema.alterTable('sprints').addColumn('completed_items', 'integer').execute();
      await sql`CREATE UNIQUE INDEX sprints_one_active ON sprints (product_id) WHERE state = 'active'`.execute(db);
      // Throughput, cycle time and forecasts read finished items by date; the index covers them.
      await db.schema
        .createIndex('items_done')
        .on('items')
        .columns(['product_id', 'done_at', 'type', 'deleted_at', 'started_at', 'created_at', 'number'])
        .execute();

      await db.schema
        .createTable('flow_daily')
        .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('state_id', 'integer', (c) => c.notNull())
        .addColumn('item_type', 'text', (c) => c.notNull())
        .addColumn('delta', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('flow_daily_pk', ['product_id', 'day', 'state_id', 'item_type'])
        .execute();
      if (dialect === 'sqlite') await sqliteTrigger(db);
      else await postgresTrigger(db);
      // Activity written before this migration counts too.
      await sql`
        INSERT INTO flow_daily (product_id, day, state_id, item_type, delta)
        SELECT product_id, day, state_id, item_type, SUM(delta) FROM (
          SELECT a.product_id, substr(a.created_at, 1, 10) AS day, ${stateOf(dialect, 'a.before')} AS state_id, i.type AS item_type, -1 AS delta
            FROM activity a JOIN items i ON i.id = a.item_id
           WHERE a.entity_type = 'item' AND a.action IN ('created', 'moved', 'updated') AND a.after LIKE '%"stateId"%'
          UNION ALL
          SELECT a.product_id, substr(a.created_at, 1, 10), ${stateOf(dialect, 'a.after')}, i.type, 1
            FROM activity a JOIN items i ON i.id = a.item_id
           WHERE a.entity_type = 'item' AND a.action IN ('created', 'moved', 'updated') AND a.after LIKE '%"stateId"%'
          UNION ALL
          SELECT a.product_id, substr(a.created_at, 1, 10), i.state_id, i.type, CASE WHEN a.action = 'deleted' THEN -1 ELSE 1 END
            FROM activity a JOIN items i ON i.id = a.item_id
           WHERE a.entity_type = 'item' AND a.action IN ('deleted', 'restored')
        ) moves
        WHERE state_id IS NOT NULL
        GROUP BY product_id, day, state_id, item_type`.execute(db);
    },
  };
}

const stateOf = (dialect: Dialect, column: string) =>
  dialect === 'postgres' ? sql.raw(`(${column}::jsonb ->> 'stateId')::int`) : sql.raw(`json_extract(${column}, '$.stateId')`);

async function sqliteTrigger(db: Kysely<any>) {
  await sql`
    CREATE TRIGGER activity_flow_daily AFTER INSERT ON activity
    WHEN NEW.entity_type = 'item' AND NEW.item_id IS NOT NULL AND (
      (NEW.action IN ('created', 'moved', 'updated') AND NEW.after LIKE '%"stateId"%') OR NEW.action IN ('deleted', 'restored'))
    BEGIN
      INSERT INTO flow_daily (product_id, day, state_id, item_type, delta)
      SELECT NEW.product_id, substr(NEW.created_at, 1, 10), moves.state_id, items.type, moves.delta
        FROM (
          SELECT CASE NEW.action
                   WHEN 'deleted' THEN (SELECT state_id FROM items WHERE id = NEW.item_id)
                   WHEN 'restored' THEN NULL
                   ELSE json_extract(NEW.before, '$.stateId') END AS state_id, -1 AS delta
          UNION ALL
          SELECT CASE NEW.action
                   WHEN 'restored' THEN (SELECT state_id FROM items WHERE id = NEW.item_id)
                   WHEN 'deleted' THEN NULL
                   ELSE json_extract(NEW.after, '$.stateId') END, 1
        ) AS moves
        JOIN items ON items.id = NEW.item_id
       WHERE moves.state_id IS NOT NULL
      ON CONFLICT (product_id, day, state_id, item_type) DO UPDATE SET delta = delta + excluded.delta;
    END`.execute(db);
}

async function postgresTrigger(db: Kysely<any>) {
  await sql`
    CREATE FUNCTION ordo_flow_daily() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      leaving int;
      entering int;
      kind text;
      current_state int;
    BEGIN
      IF NEW.entity_type <> 'item' OR NEW.item_id IS NULL THEN RETURN NULL; END IF;
      SELECT type, state_id INTO kind, current_state FROM items WHERE id = NEW.item_id;
      IF kind IS NULL THEN RETURN NULL; END IF;
      IF NEW.action IN ('created', 'moved', 'updated') AND NEW.after LIKE '%"stateId"%' THEN
        leaving := (NEW.before::jsonb ->> 'stateId')::int;
        entering := (NEW.after::jsonb ->> 'stateId')::int;
      ELSIF NEW.action = 'deleted' THEN
        leaving := current_state;
      ELSIF NEW.action = 'restored' THEN
        entering := current_state;
      ELSE
        RETURN NULL;
      END IF;
      IF leaving IS NOT NULL THEN
        INSERT INTO flow_daily AS f (product_id, day, state_id, item_type, delta)
        VALUES (NEW.product_id, substr(NEW.created_at, 1, 10), leaving, kind, -1)
        ON CONFLICT (product_id, day, state_id, item_type) DO UPDATE SET delta = f.delta - 1;
      END IF;
      IF entering IS NOT NULL THEN
        INSERT INTO flow_daily AS f (product_id, day, state_id, item_type, delta)
        VALUES (NEW.product_id, substr(NEW.created_at, 1, 10), entering, kind, 1)
        ON CONFLICT (product_id, day, state_id, item_type) DO UPDATE SET delta = f.delta + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER activity_flow_daily AFTER INSERT ON activity FOR EACH ROW EXECUTE FUNCTION ordo_flow_daily()`.execute(db);
}
