import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { describeEachDialect } from '../support/harness.js';
import { buildBacklog } from '../support/items.js';

describeEachDialect('migration 050: workflow state names are unique per product', (h) => {
  it('renames states repeated before it ("Doing (2)") instead of merging them, then refuses new repeats', async () => {
    const { key } = await buildBacklog(h);
    const product = await h.ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow();
    // A database from before the migration: the index gone and three states sharing a name.
    await sql`DROP INDEX workflow_states_name`.execute(h.ctx.db);
    await h.ctx.db
      .deleteFrom('kysely_migration' as any)
      .where('name', '=', '050_unique_state_names')
      .execute();
    for (const [i, name] of ['Doing', 'doing', 'Doing (2)', 'DOING'].entries())
      await h.ctx.db
        .insertInto('workflow_states')
        .values({ product_id: product.id, name, category: 'in_progress', position: 10 + i, wip_limit: null, entry_rules: '[]' })
        .execute();

    expect(await migrateToLatest(h.ctx.db, h.dialect)).toEqual(['050_unique_state_names']);

    const names = await h.ctx.db
      .selectFrom('workflow_states')
      .select('name')
      .where('product_id', '=', product.id)
      .where('position', '>=', 10)
      .orderBy('id')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Doing', 'doing (3)', 'Doing (2)', 'DOING (4)']);
    await expect(
      h.ctx.db
        .insertInto('workflow_states')
        .values({ product_id: product.id, name: 'dOiNg', category: 'in_progress', position: 20, wip_limit: null, entry_rules: '[]' })
        .execute(),
    ).rejects.toThrow();
  });
});
