import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TReportQuery } from '../../contract/reports.js';
import { dayOf } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';

/**
 * Flow charts for a product: cumulative flow rebuilt from the activity log, cycle times, weekly
 * throughput and aging work in progress. The database does the counting (one aggregate or one
 * narrow scan per chart); the domain shapes the series.
 */

const DEFAULT_RANGE_DAYS = 90;

export interface ReportScope {
  productId: number;
  fromDay: number;
  toDay: number;
  types: string[] | null;
  epicId: number | null;
}

export async function reportScope(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<ReportScope> {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'product.read');
  const toDay = query.to ? dayOf(query.to) : dayOf(ctx.clock.now().toISOString());
  const fromDay = query.from ? dayOf(query.from) : toDay - DEFAULT_RANGE_DAYS + 1;
  if (toDay - fromDay > 3 * 366) throw invalid('from', 'a chart covers at most three years');
  let epicId: number | null = null;
  if (query.epic) {
    const epic = await ctx.db
      .selectFrom('items')
      .select(['id', 'type'])
      .where('key', '=', query.epic)
      .where('product_id', '=', product.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!epic || epic.type !== 'epic') throw invalid('epic', 'must be the key of an epic in this product');
    epicId = epic.id;
  }
  return { productId: product.id, fromDay, toDay, types: query.type?.length ? query.type : null, epicId };
}

/**
 * Restricts an items query to the chart's filters; epics are containers, not work, unless asked
 * for. `byState` queries name the product's states already, and leave the product out so the
 * planner picks the state index.
 */
export function filterItems<QB extends SelectQueryBuilder<Database, 'items' | any, any>>(
  q: QB,
  scope: ReportScope,
  opts: { byState?: boolean } = {},
): QB {
  let out = (opts.byState ? q : q.where('items.product_id', '=', scope.productId)).where('items.deleted_at', 'is', null) as QB;
  out = (scope.types ? out.where('items.type', 'in', scope.types) : out.where('items.type', '!=', 'epic')) as QB;
  if (scope.epicId !== null) out = out.where('items.parent_id', '=', scope.epicId) as QB;
  return out;
}
