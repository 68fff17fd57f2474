import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * What a sprint finished, recorded when it closes: velocity must not change when a done item is
 * later reopened or moved. And at most one active sprint per product, enforced by the database
 * so two owners starting sprints at once cannot both win.
 */
export function sprintVelocity(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('sprints').addColumn('completed_points', 'double precision').execute();
      await db.schema.alterTable('sprints').addColumn('completed_items', 'integer').execute();
      await sql`CREATE UNIQUE INDEX sprints_one_active ON sprints (product_id) WHERE state = 'active'`.execute(db);
    },
  };
}
