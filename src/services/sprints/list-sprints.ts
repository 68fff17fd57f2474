import { sql } from 'kysely';
import type { TSprint } from '../../contract/sprints.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentSprint } from './present-sprint.js';

/** A product's sprints by start date, undated ones last. */
export async function listSprints(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TSprint[]> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const rows = await ctx.db
    .selectFrom('sprints')
    .selectAll()
    .where('product_id', '=', product.id)
    .orderBy(sql`coalesce(start_date, '9999')`)
    .orderBy('id')
    .execute();
  return rows.map((r) => presentSprint(r, product.key));
}
