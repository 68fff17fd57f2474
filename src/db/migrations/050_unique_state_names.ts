import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * A product's workflow states have distinct names, whatever their case: "Doing" and "doing" on
 * one board would be two columns nobody can tell apart. The services checked this, but two
 * concurrent creations both passed the check on PostgreSQL (eight states called "Same"); the
 * index makes the database refuse the second.
 *
 * Names repeated before this migration are kept apart, not merged (items, rules and history
 * point at each state): the second and later ones get " (2)", " (3)", … in creation order.
 */
export function uniqueStateNames(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>) {
      const states: { id: number; product_id: number; name: string }[] = await db
        .selectFrom('workflow_states')
        .select(['id', 'product_id', 'name'])
        .orderBy('product_id')
        .orderBy('id')
        .execute();
      const taken = new Map<number, Set<string>>();
      for (const s of states) {
        const names =
          taken.get(s.product_id) ?? new Set(states.filter((t) => t.product_id === s.product_id).map((t) => t.name.toLowerCase()));
        taken.set(s.product_id, names);
      }
      const seen = new Map<number, Set<string>>();
      for (const s of states) {
        const mine = seen.get(s.product_id) ?? new Set<string>();
        seen.set(s.product_id, mine);
        if (!mine.has(s.name.toLowerCase())) {
          mine.add(s.name.toLowerCase());
          continue;
        }
        const names = taken.get(s.product_id)!;
        let n = 2;
        while (names.has(`${s.name} (${n})`.toLowerCase())) n++;
        const name = `${s.name} (${n})`;
        names.add(name.toLowerCase());
        mine.add(name.toLowerCase());
        await db.updateTable('workflow_states').set({ name }).where('id', '=', s.id).execute();
      }
      await sql`CREATE UNIQUE INDEX workflow_states_name ON workflow_states (product_id, lower(name))`.execute(db);
    },
  };
}
