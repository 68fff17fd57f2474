import type { Trx } from '../../db/schema.js';

/**
 * Counts a request's votes and customers into its row, from the rows that hold them, in the
 * writing transaction: the lists sort by votes without counting on every read.
 */
export async function recountRequests(db: Trx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('requests')
    .set((eb) => ({
      votes: eb
        .selectFrom('request_votes as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.request_id', '=', 'requests.id'),
      customers: eb
        .selectFrom('request_customers as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.request_id', '=', 'requests.id'),
    }))
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/**
 * Counts, into each item's row, the requests linked to it and their distinct voters and distinct
 * customers (one person voting for two linked requests counts once). Recounting from the rows,
 * rather than adding and subtracting, keeps the columns right whatever sequence of votes,
 * withdrawals, merges and links led here; the board and backlog read them without a join.
 */
export async function recountItems(db: Trx, itemIds: Array<number | null | undefined>): Promise<void> {
  const ids = [...new Set(itemIds.filter((id): id is number => id != null))];
  if (ids.length === 0) return;
  await db
    .updateTable('items')
    .set((eb) => ({
      request_count: eb
        .selectFrom('requests as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.item_id', '=', 'items.id')
        .where('r.state', '=', 'linked'),
      request_votes: eb
        .selectFrom('request_votes as v')
        .innerJoin('requests as r', 'r.id', 'v.request_id')
        .select((e) => e.fn.count<number>('v.user_id').distinct().as('n'))
        .whereRef('r.item_id', '=', 'items.id')
        .where('r.state', '=', 'linked'),
      request_customers: eb
        .selectFrom('request_customers as c')
        .innerJoin('requests as r', 'r.id', 'c.request_id')
        .select((e) => e.fn.count<number>('c.customer_key').distinct().as('n'))
        .whereRef('r.item_id', '=', 'items.id')
        .where('r.state', '=', 'linked'),
    }))
    .where('id', 'in', ids)
    .execute();
}
