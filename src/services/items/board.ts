import { sql } from 'kysely';
import type { Conn, Db } from '../../db/schema.js';
import type { Dialect } from '../../db/dialect.js';
import { descNullsLast } from '../../db/expressions.js';
import type { ItemType, TBoard, TCard } from '../../contract/items.js';
import type { StateCategory } from '../../domain/workflow.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';

/**
 * Backlog and done columns can hold tens of thousands of items; a board shows 200 of each: a
 * backlog column its top (the next work), a done column what was finished last.
 */
export const CAPPED_COLUMN_CARDS = 200;
const CAPPED: Partial<Record<StateCategory, 'top' | 'latest'>> = { backlog: 'top', done: 'latest' };
const CACHED_BOARDS = 64;

export interface BoardSnapshot {
  /** the product's event number the board was read at: its ETag */
  lastEvent: number;
  /** the serialised ZBoard, as UTF-8 bytes so each send skips encoding a few hundred kilobytes */
  body: Buffer;
}

/**
 * Serialised boards by product, for the event number they were built at. Every change to a product
 * takes a new event number in its transaction, so a board cached under the current number is the
 * current board. Kept per database, as a process may serve more than one (tests do).
 */
const caches = new WeakMap<Db, Map<number, BoardSnapshot>>();

/**
 * A product's board: its columns with counts and cards, the members for avatars and the epics
 * for swimlanes, served from cache while the product has not changed. Reading the product's
 * event number is the only query a repeated request costs.
 */
export async function getBoard(ctx: ServiceContext, actor: Actor, productKey: string): Promise<BoardSnapshot> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new Map()));
  const hit = cache.get(product.id);
  if (hit && hit.lastEvent === product.last_event) {
    // Re-inserting keeps the map in least-recently-used order.
    cache.delete(product.id);
    cache.set(product.id, hit);
    return hit;
  }
  // Built after reading last_event, so the content is at least as new as the number it is filed under.
  const board = await buildBoard(ctx.db, ctx.dialect, product.id, product.key, product.last_event);
  const snapshot = { lastEvent: product.last_event, body: Buffer.from(JSON.stringify(board)) };
  cache.delete(product.id);
  cache.set(product.id, snapshot);
  if (cache.size > CACHED_BOARDS) cache.delete(cache.keys().next().value!);
  return snapshot;
}

async function buildBoard(db: Conn, dialect: Dialect, productId: number, productKey: string, lastEvent: number): Promise<TBoard> {
  const states = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId).orderBy('position').execute();
  const stateIds = states.map((s) => s.id);
  const [counts, users, epics, ...columnCards] = await Promise.all([
    // By state rather than by product: each count is a walk along the live-items index of one column.
    stateIds.length > 0
      ? db
          .selectFrom('items')
          .select((eb) => ['state_id', eb.fn.countAll<number>().as('n')])
          .where('state_id', 'in', stateIds)
          .where('deleted_at', 'is', null)
          .groupBy('state_id')
          .execute()
      : [],
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name'])
      .where('memberships.product_id', '=', productId)
      .orderBy('users.name')
      .orderBy('users.id')
      .execute(),
    db
      .selectFrom('items')
      .select(['key', 'title'])
      .where('product_id', '=', productId)
      .where('type', '=', 'epic')
      .where('deleted_at', 'is', null)
      .orderBy('rank')
      .execute(),
    // One query per column, each read in the order of an index (items_live_state, items_live_done): no sort, no per-card query.
    ...states.map(async (s) => {
      const q = cardQuery(db).where('items.state_id', '=', s.id);
      const capped = CAPPED[s.category as StateCategory];
      if (!capped) return q.orderBy('items.rank').execute();
      if (capped === 'top') return q.orderBy('items.rank').limit(CAPPED_COLUMN_CARDS).execute();
      const latest = await q
        .orderBy(descNullsLast(dialect, sql.ref('items.done_at')))
        .orderBy('items.id', 'desc')
        .limit(CAPPED_COLUMN_CARDS)
        .execute();
      // Shown in rank order like every column, so a card dropped among them lands where it is dropped.
      return latest.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    }),
  ]);
  const countOf = new Map(counts.map((c) => [c.state_id, Number(c.n)]));
  return {
    productKey,
    lastEvent,
    columns: states.map((s, i) => {
      const count = countOf.get(s.id) ?? 0;
      const cards = (columnCards[i] as CardRow[]).map(presentCard);
      return {
        stateId: s.id,
        name: s.name,
        category: s.category as StateCategory,
        wipLimit: s.wip_limit,
        count,
        overLimit: s.wip_limit != null && count > s.wip_limit,
        hasMore: cards.length < count,
        capped: CAPPED[s.category as StateCategory] ?? null,
        cards,
      };
    }),
    users,
    epics,
  };
}

function cardQuery(db: Conn) {
  return db
    .selectFrom('items')
    .leftJoin('items as parent', 'parent.id', 'items.parent_id')
    .select([
      'items.key',
      'items.type',
      'items.title',
      'items.state_id',
      'items.rank',
      'items.estimate',
      'items.labels',
      'items.assignee_id',
      'parent.key as parent_key',
      'items.blocked',
      'items.blocked_reason',
      'items.blocked_since',
      'items.state_entered_at',
      'items.version',
      'items.open_questions',
      'items.request_votes',
    ])
    .where('items.deleted_at', 'is', null);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>['execute']>>[number];

function presentCard(r: CardRow): TCard {
  const card: TCard = {
    key: r.key,
    type: r.type as ItemType,
    title: r.title,
    stateId: r.state_id,
    rank: r.rank,
    blocked: !!r.blocked,
    stateEnteredAt: r.state_entered_at,
    version: r.version,
  };
  if (r.estimate != null) card.estimate = r.estimate;
  if (r.labels !== '[]') card.labels = JSON.parse(r.labels) as string[];
  if (r.assignee_id != null) card.assigneeId = r.assignee_id;
  if (r.parent_key != null) card.parentKey = r.parent_key;
  if (r.open_questions > 0) card.openQuestions = r.open_questions;
  if (r.request_votes > 0) card.votes = r.request_votes;
  if (r.blocked) {
    card.blockedReason = r.blocked_reason;
    if (r.blocked_since) card.blockedSince = r.blocked_since;
  }
  return card;
}
