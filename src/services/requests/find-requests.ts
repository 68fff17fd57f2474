import { sql } from 'kysely';
import type { TItemRequests, TRequest, TRequestListQuery, TRequestPage } from '../../contract/requests.js';
import { requireItem, requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { requireRequest } from './create-request.js';
import { presentRequests, requestQuery } from './present-request.js';

/**
 * A product's requests of one state: new ones oldest first (the untriaged view), or newest first,
 * or the most voted first; `q` finds words in the title, description or customer. The cursor is
 * the offset of the next page.
 */
export async function findRequests(ctx: ServiceContext, actor: Actor, productKey: string, query: TRequestListQuery): Promise<TRequestPage> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const offset = Number(query.cursor ?? 0);
  const words = (query.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const matching = <Q extends { where: (...args: any[]) => Q }>(q: Q, alias: string): Q => {
    for (const word of words) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(
        sql<boolean>`(lower(${sql.ref(`${alias}.title`)}) LIKE ${pattern} ESCAPE '\\' OR lower(${sql.ref(`${alias}.description`)}) LIKE ${pattern} ESCAPE '\\' OR lower(${sql.ref(`${alias}.customer`)}) LIKE ${pattern} ESCAPE '\\')`,
      );
    }
    return q;
  };
  let page = matching(requestQuery(ctx.db, actor.userId).where('r.product_id', '=', product.id).where('r.state', '=', query.state), 'r');
  page =
    query.sort === 'votes'
      ? page.orderBy('r.votes', 'desc').orderBy('r.id')
      : query.sort === 'newest'
        ? page.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc')
        : page.orderBy('r.created_at').orderBy('r.id');
  const count = matching(
    ctx.db
      .selectFrom('requests as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.product_id', '=', product.id)
      .where('r.state', '=', query.state),
    'r',
  );
  const [rows, total] = await Promise.all([
    page
      .limit(query.limit + 1)
      .offset(offset)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  const more = rows.length > query.limit;
  return {
    items: await presentRequests(ctx.db, rows.slice(0, query.limit)),
    nextCursor: more ? String(offset + query.limit) : null,
    total: Number(total.n),
  };
}

export async function getRequest(ctx: ServiceContext, actor: Actor, id: number): Promise<TRequest> {
  const { request } = await requireRequest(ctx, actor, id);
  return (await presentRequests(ctx.db, [request]))[0]!;
}

/** The requests linked to an item, most voted first, with the distinct voters and customers over them. */
export async function findItemRequests(ctx: ServiceContext, actor: Actor, itemKey: string): Promise<TItemRequests> {
  const { item } = await requireItem(ctx.db, actor, itemKey, 'product.read');
  const rows = await requestQuery(ctx.db, actor.userId)
    .where('r.item_id', '=', item.id)
    .where('r.state', '=', 'linked')
    .orderBy('r.votes', 'desc')
    .orderBy('r.id')
    .execute();
  const customers = await ctx.db
    .selectFrom('request_customers as c')
    .innerJoin('requests as r', 'r.id', 'c.request_id')
    .select(['c.customer_key', (eb) => eb.fn.min<string>('c.customer').as('customer')])
    .where('r.item_id', '=', item.id)
    .where('r.state', '=', 'linked')
    .groupBy('c.customer_key')
    .orderBy('c.customer_key')
    .execute();
  return {
    items: await presentRequests(ctx.db, rows),
    nextCursor: null,
    votes: item.request_votes,
    customers: customers.map((c) => c.customer),
  };
}
