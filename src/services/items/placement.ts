import type { Conn } from '../../db/schema.js';
import { compiledQuery } from '../../db/compiled-query.js';
import { forbidden, invalid, notFound } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import type { Role } from '../../domain/roles.js';
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
    const args: AnchorArgs = { productId, anchorKey };
    if (movingId != null) args.movingId = movingId;
    const [anchor] = await ANCHOR[side](db, args);
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
  const args: NeighbourArgs = { productId };
  if (rank !== null) args.rank = rank;
  if (movingId != null) args.movingId = movingId;
  const [row] = await NEIGHBOUR[side](db, args);
  return row?.rank ?? null;
}

interface NeighbourArgs extends Record<string, unknown> {
  productId: number;
  rank?: string;
  movingId?: number;
}

/** Compiled once per side and shape: every create and move looks for a neighbour (src/db/compiled-query.ts). */
const neighbourQuery = (side: 'below' | 'above') =>
  compiledQuery((db, args: NeighbourArgs, names) => {
    let q = db
      .selectFrom('items')
      .select('rank')
      .where('product_id', '=', args.productId)
      .orderBy('rank', side === 'below' ? 'desc' : 'asc')
      .limit(1);
    if (names.includes('rank')) q = q.where('rank', side === 'below' ? '<' : '>', args.rank!);
    if (names.includes('movingId')) q = q.where('id', '!=', args.movingId!);
    return q;
  });
const NEIGHBOUR = { below: neighbourQuery('below'), above: neighbourQuery('above') };

interface AnchorArgs extends Record<string, unknown> {
  productId: number;
  anchorKey: string;
  movingId?: number;
}

/** The anchor item of a `before` or `after`, with the rank next to it on `side`; compiled once per side and shape. */
const anchorQuery = (side: 'below' | 'above') =>
  compiledQuery((db, args: AnchorArgs, names) =>
    db
      .selectFrom('items as anchor')
      .select(['anchor.id', 'anchor.rank'])
      .select((eb) => {
        let next = eb
          .selectFrom('items as next')
          .select('next.rank')
          .where('next.product_id', '=', args.productId)
          .whereRef('next.rank', side === 'below' ? '<' : '>', 'anchor.rank')
          .orderBy('next.rank', side === 'below' ? 'desc' : 'asc')
          .limit(1);
        if (names.includes('movingId')) next = next.where('next.id', '!=', args.movingId!);
        return next.as('next_rank');
      })
      .where('anchor.key', '=', args.anchorKey)
      .where('anchor.product_id', '=', args.productId)
      .where('anchor.deleted_at', 'is', null),
  );
const ANCHOR = { below: anchorQuery('below'), above: anchorQuery('above') };

/** Only one of before, after and position says where an item goes. */
export function checkOnePlacement(p: { before?: string; after?: string; position?: string }) {
  const given = (['position', 'before', 'after'] as const).filter((f) => p[f] !== undefined);
  if (given.length > 1) throw invalid(given[1]!, `give only one of ${given.join(', ')}`);
}

/**
 * One rule for where an item may be put, for new items and moves alike: a place in the backlog's
 * own order (before or after an item, its top or bottom) without naming a column is ranking the
 * backlog, the owner's call (`item.rank`). Everyone who may move items places them within a board
 * column (`stateId` given); a new item with no placement lands at the bottom of the backlog. So
 * `before: <the first item>` is refused exactly as `position: 'top'` is.
 */
export function requireRankingRights(
  role: Role,
  p: { before?: string; after?: string; position?: string; stateId?: number },
  doing: 'add' | 'move',
) {
  const ranks = p.stateId === undefined && (p.before !== undefined || p.after !== undefined || p.position !== undefined);
  if (!ranks || can(role, 'item.rank')) return;
  throw forbidden(
    doing === 'add'
      ? `A ${role} cannot choose a place in the backlog's order: new items land at the bottom, and the owner ranks them`
      : `A ${role} cannot reorder the backlog: move the item within a board column, or ask the owner to rank it`,
  );
}
