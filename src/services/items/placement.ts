import type { Conn } from '../../db/schema.js';
import { invalid, notFound } from '../../domain/errors.js';
import { rankBetween } from '../../domain/ranks.js';

/** Where an item should land: next to a neighbour, or at the top or bottom of a column or the whole backlog. */
export interface Placement {
  before?: string;
  after?: string;
  position?: 'top' | 'bottom';
  /** with `position`, the column whose top or bottom is meant; otherwise the whole backlog */
  columnStateId?: number;
}

/**
 * The rank that puts an item at `placement`, or null when the placement has no anchor (an empty
 * column). Neighbours are looked up among every item of the product, deleted ones included,
 * because ranks are unique across all of them; the moving item itself is never its own neighbour.
 */
export async function rankFor(db: Conn, productId: number, placement: Placement, movingId: number | null): Promise<string | null> {
  const { before, after, position, columnStateId } = placement;
  if (before !== undefined || after !== undefined) {
    const field = before !== undefined ? 'before' : 'after';
    const side = field === 'before' ? 'below' : 'above';
    const anchorKey = (before ?? after)!;
    // The neighbour, and the item on its other side, in one read.
    const anchor = await db
      .selectFrom('items as anchor')
      .select(['anchor.id', 'anchor.rank'])
      .select((eb) => {
        let next = eb
          .selectFrom('items as next')
          .select('next.rank')
          .where('next.product_id', '=', productId)
          .whereRef('next.rank', side === 'below' ? '<' : '>', 'anchor.rank')
          .orderBy('next.rank', side === 'below' ? 'desc' : 'asc')
          .limit(1);
        if (movingId != null) next = next.where('next.id', '!=', movingId);
        return next.as('next_rank');
      })
      .where('anchor.key', '=', anchorKey)
      .where('anchor.product_id', '=', productId)
      .where('anchor.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!anchor) throw notFound(`Item ${anchorKey}`);
    if (anchor.id === movingId) throw invalid(field, 'an item cannot be placed next to itself');
    return side === 'below' ? rankBetween(anchor.next_rank, anchor.rank) : rankBetween(anchor.rank, anchor.next_rank);
  }
  if (position === undefined) return null;
  if (columnStateId === undefined) {
    return position === 'top'
      ? rankBetween(null, await neighbour(db, productId, null, 'above', movingId))
      : rankBetween(await neighbour(db, productId, null, 'below', movingId), null);
  }
  let edge = db
    .selectFrom('items')
    .select('rank')
    .where('state_id', '=', columnStateId)
    .where('deleted_at', 'is', null)
    .orderBy('rank', position === 'top' ? 'asc' : 'desc')
    .limit(1);
  if (movingId != null) edge = edge.where('id', '!=', movingId);
  const row = await edge.executeTakeFirst();
  if (!row) return null;
  return position === 'top'
    ? rankBetween(await neighbour(db, productId, row.rank, 'below', movingId), row.rank)
    : rankBetween(row.rank, await neighbour(db, productId, row.rank, 'above', movingId));
}

/**
 * The closest rank strictly below or above `rank` in the product (from either end when null),
 * skipping the moving item. One step along the unique (product_id, rank) index.
 */
export async function neighbour(
  db: Conn,
  productId: number,
  rank: string | null,
  side: 'below' | 'above',
  movingId: number | null,
): Promise<string | null> {
  let q = db
    .selectFrom('items')
    .select('rank')
    .where('product_id', '=', productId)
    .orderBy('rank', side === 'below' ? 'desc' : 'asc')
    .limit(1);
  if (rank !== null) q = q.where('rank', side === 'below' ? '<' : '>', rank);
  if (movingId != null) q = q.where('id', '!=', movingId);
  const row = await q.executeTakeFirst();
  return row?.rank ?? null;
}

/** Only one of before, after and position says where an item goes. */
export function checkOnePlacement(p: { before?: string; after?: string; position?: string }) {
  const given = (['position', 'before', 'after'] as const).filter((f) => p[f] !== undefined);
  if (given.length > 1) throw invalid(given[1]!, `give only one of ${given.join(', ')}`);
}
