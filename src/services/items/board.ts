import { sql } from 'kysely';
import type { Conn, Db, WorkflowStateRow } from '../../db/schema.js';
import type { Dialect } from '../../db/dialect.js';
import { descNullsLast } from '../../db/expressions.js';
import { compareRanks } from '../../domain/ranks.js';
import type { ItemType, TCard } from '../../contract/items.js';
import type { StateCategory } from '../../domain/workflow.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';

/**
 * Backlog and done columns can hold tens of thousands of items; a board shows 200 of each: a
 * backlog column its top (the next work), a done column what was finished last.
 */
export const CAPPED_COLUMN_CARDS = 200;
/** The cap in force; tests lower it to reach the capped columns' paths with a few items. */
export const boardLimits = { cappedColumnCards: CAPPED_COLUMN_CARDS };
const CAPPED: Partial<Record<StateCategory, 'top' | 'latest'>> = { backlog: 'top', done: 'latest' };
const CACHED_BOARDS = 64;
/** Past this many events since the cached board, building it again is as cheap as catching up. */
const MAX_EVENTS_TO_APPLY = 200;
/**
 * Entities whose changes reach the board only through the row of the item they belong to (the
 * activity row's item_id). Any other entity (a state, a member, the product, a sprint, a
 * request...) rebuilds the board from scratch.
 */
const ITEM_SCOPED = new Set(['item', 'comment', 'criterion', 'link']);

export interface BoardSnapshot {
  /** the product's event number the board was read at: its ETag */
  lastEvent: number;
  /** the serialised ZBoard, as UTF-8 bytes so each send skips encoding a few hundred kilobytes */
  body: Buffer;
}

/** A card as it sits in a cached column: serialised (and encoded) once, spliced into every body after. */
interface CardEntry {
  id: number;
  rank: string;
  json: Buffer;
}

interface ColumnModel {
  state: WorkflowStateRow;
  count: number;
  cards: CardEntry[];
}

/** A cached board: its bytes and the model a later event number's board is built from. */
interface BoardModel extends BoardSnapshot {
  productKey: string;
  columns: ColumnModel[];
  users: { id: number; name: string }[];
  epics: { key: string; title: string }[];
  /** the column (state id) each card on the board is in */
  columnOf: Map<number, number>;
}

/** How boards were produced, for tests that must know the incremental path was taken. */
export const boardStats = { built: 0, advanced: 0 };

/**
 * Boards by product, for the event number they were built at. Every change to a product takes a
 * new event number in its transaction, so a board cached under the current number is the current
 * board. Kept per database, as a process may serve more than one (tests do).
 */
const caches = new WeakMap<Db, Map<number, BoardModel>>();

/**
 * A product's board: its columns with counts and cards, the members for avatars and the epics
 * for swimlanes, served from cache while the product has not changed. Reading the product's
 * event number is the only query a repeated request costs; after a change, the cached board is
 * brought up to date from the events since it (docs/decisions/0015-fast-board-after-write-and-cheap-writes.md).
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
  // Both read after last_event, so the content is at least as new as the number it is filed under.
  let model =
    hit && hit.lastEvent < product.last_event ? await advanceBoard(ctx.db, ctx.dialect, hit, product.id, product.last_event) : null;
  if (model) boardStats.advanced++;
  else {
    model = await buildBoard(ctx.db, ctx.dialect, product.id, product.key, product.last_event);
    boardStats.built++;
  }
  const newest = cache.get(product.id);
  // A slower request must not replace a newer board another one cached meanwhile.
  if (!newest || newest.lastEvent <= model.lastEvent) {
    cache.delete(product.id);
    cache.set(product.id, model);
    if (cache.size > CACHED_BOARDS) cache.delete(cache.keys().next().value!);
  }
  return model;
}

/** A product's board read from scratch, bypassing the cache (tests compare against it). */
export async function buildBoard(
  db: Conn,
  dialect: Dialect,
  productId: number,
  productKey: string,
  lastEvent: number,
): Promise<BoardModel> {
  const states = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId).orderBy('position').execute();
  const [counts, users, epics, ...columnCards] = await Promise.all([
    countCards(db, states),
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name'])
      .where('memberships.product_id', '=', productId)
      .orderBy('users.name')
      .orderBy('users.id')
      .execute(),
    readEpics(db, productId),
    // One query per column, each read in the order of an index (items_live_state, items_live_done): no sort, no per-card query.
    ...states.map((s) => readColumn(db, dialect, s)),
  ]);
  const columns = states.map((state, i) => ({ state, count: counts.get(state.id) ?? 0, cards: columnCards[i] as CardEntry[] }));
  return assemble(productKey, lastEvent, columns, users, epics);
}

/**
 * The cached board brought up to `lastEvent` from the activity since it: only the cards of the
 * items those events touched are read again and put in their place; the epics are read again,
 * capped columns a touched card was or is in are read again, and so are capped columns' counts
 * where they may have changed (an uncapped column's count is its length).
 * Null when the events say something beyond cards changed (a state, a member), when there are
 * too many of them, or when an event number is missing: then the board is built from scratch.
 */
async function advanceBoard(
  db: Conn,
  dialect: Dialect,
  prev: BoardModel,
  productId: number,
  lastEvent: number,
): Promise<BoardModel | null> {
  // The epics do not depend on the events: on PostgreSQL they travel beside their read.
  const [events, epics] = await Promise.all([
    db
      .selectFrom('activity')
      .select(['event_number', 'entity_type', 'entity_id', 'item_id'])
      .where('product_id', '=', productId)
      .where('event_number', '>', prev.lastEvent)
      .orderBy('event_number')
      .limit(MAX_EVENTS_TO_APPLY + 1)
      .execute(),
    readEpics(db, productId),
  ]);
  if (events.length > MAX_EVENTS_TO_APPLY || events.length < lastEvent - prev.lastEvent) return null;
  const touched = new Set<number>();
  for (const [i, e] of events.entries()) {
    // Every number in between must be there: a write that took one without a row is not understood.
    if (Number(e.event_number) !== prev.lastEvent + 1 + i || !ITEM_SCOPED.has(e.entity_type)) return null;
    const itemId = e.item_id ?? (e.entity_type === 'item' ? e.entity_id : null);
    if (itemId != null) touched.add(itemId);
  }
  const stateIds = new Set(prev.columns.map((c) => c.state.id));
  const rows =
    touched.size > 0
      ? await cardQuery(db)
          .where('items.id', 'in', [...touched])
          .execute()
      : [];
  if (rows.some((r) => !stateIds.has(r.state_id))) return null;

  const columnOf = new Map(prev.columnOf);
  const cardsOf = new Map(prev.columns.map((c) => [c.state.id, c.cards]));
  const copied = new Set<number>();
  const cardsToChange = (stateId: number) => {
    // Copy a column's list the first time it changes: the previous board stays as it was.
    if (!copied.has(stateId)) {
      cardsOf.set(stateId, [...cardsOf.get(stateId)!]);
      copied.add(stateId);
    }
    return cardsOf.get(stateId)!;
  };
  const capped = new Set(prev.columns.filter((c) => CAPPED[c.state.category as StateCategory]).map((c) => c.state.id));
  const reread = new Set<number>();
  for (const id of touched) {
    const was = columnOf.get(id);
    if (was === undefined) continue;
    columnOf.delete(id);
    if (capped.has(was)) reread.add(was);
    else {
      const cards = cardsToChange(was);
      cards.splice(
        cards.findIndex((c) => c.id === id),
        1,
      );
    }
  }
  for (const row of rows) {
    if (capped.has(row.state_id)) {
      reread.add(row.state_id);
      continue;
    }
    const cards = cardsToChange(row.state_id);
    const card = cardEntry(row);
    cards.splice(insertionPoint(cards, card.rank), 0, card);
    columnOf.set(row.id, row.state_id);
  }
  const rereadColumns = prev.columns.filter((c) => reread.has(c.state.id));
  // An uncapped column holds every live card of its state, so its count is its length. A capped
  // one's count is read again when it was read again, or when a touched item was not on the
  // board before (new, or beyond a cap: which capped column it left is not known). Counting a
  // column walks all of it, 2,000 entries for a column of 2,000 cards (1.5 ms on PostgreSQL).
  const unseen = [...touched].some((id) => !prev.columnOf.has(id));
  const toCount = prev.columns.filter((c) => capped.has(c.state.id) && (unseen || reread.has(c.state.id))).map((c) => c.state);
  const [fresh, counts] = await Promise.all([
    Promise.all(rereadColumns.map((c) => readColumn(db, dialect, c.state))),
    countCards(db, toCount),
  ]);
  const counted = new Set(toCount.map((st) => st.id));
  for (const [i, c] of rereadColumns.entries()) {
    // Only the cards still filed under this column: a touched card may have moved on to another.
    for (const card of cardsOf.get(c.state.id)!) if (columnOf.get(card.id) === c.state.id) columnOf.delete(card.id);
    for (const card of fresh[i]!) columnOf.set(card.id, c.state.id);
    cardsOf.set(c.state.id, fresh[i]!);
  }
  const columns = prev.columns.map((c) => {
    const cards = cardsOf.get(c.state.id)!;
    const count = !capped.has(c.state.id) ? cards.length : counted.has(c.state.id) ? (counts.get(c.state.id) ?? 0) : c.count;
    return { state: c.state, count, cards };
  });
  return assemble(prev.productKey, lastEvent, columns, prev.users, epics, columnOf);
}

function insertionPoint(cards: CardEntry[], rank: string): number {
  let lo = 0;
  let hi = cards.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRanks(cards[mid]!.rank, rank) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The board's bytes, spliced from each column's heading and its cards' JSON as they were serialised. */
function assemble(
  productKey: string,
  lastEvent: number,
  columns: ColumnModel[],
  users: BoardModel['users'],
  epics: BoardModel['epics'],
  columnOf?: Map<number, number>,
): BoardModel {
  const parts: Buffer[] = [Buffer.from(`{"productKey":${JSON.stringify(productKey)},"lastEvent":${lastEvent},"columns":[`)];
  for (const [i, { state: s, count, cards }] of columns.entries()) {
    const heading = JSON.stringify({
      stateId: s.id,
      name: s.name,
      category: s.category as StateCategory,
      wipLimit: s.wip_limit,
      count,
      overLimit: s.wip_limit != null && count > s.wip_limit,
      hasMore: cards.length < count,
      capped: CAPPED[s.category as StateCategory] ?? null,
      cards: [],
    });
    // The heading ends in `"cards":[]}`: the cards go between the brackets, copied as the bytes they already are.
    parts.push(Buffer.from((i > 0 ? ',' : '') + heading.slice(0, -2)));
    for (const [j, card] of cards.entries()) {
      if (j > 0) parts.push(COMMA);
      parts.push(card.json);
    }
    parts.push(CLOSE_COLUMN);
  }
  parts.push(Buffer.from(`],"users":${JSON.stringify(users)},"epics":${JSON.stringify(epics)}}`));
  const body = Buffer.concat(parts);
  if (!columnOf) {
    columnOf = new Map();
    for (const c of columns) for (const card of c.cards) columnOf.set(card.id, c.state.id);
  }
  return { lastEvent, body, productKey, columns, users, epics, columnOf };
}

/** Live items per state. By state rather than by product: each count is a walk along the live-items index of one column. */
async function countCards(db: Conn, states: WorkflowStateRow[]): Promise<Map<number, number>> {
  if (states.length === 0) return new Map();
  const rows = await db
    .selectFrom('items')
    .select((eb) => ['state_id', eb.fn.countAll<number>().as('n')])
    .where(
      'state_id',
      'in',
      states.map((s) => s.id),
    )
    .where('deleted_at', 'is', null)
    .groupBy('state_id')
    .execute();
  return new Map(rows.map((c) => [c.state_id, Number(c.n)]));
}

function readEpics(db: Conn, productId: number) {
  return db
    .selectFrom('items')
    .select(['key', 'title'])
    .where('product_id', '=', productId)
    .where('type', '=', 'epic')
    .where('deleted_at', 'is', null)
    .orderBy('rank')
    .execute();
}

/** One column's cards in rank order: all of them, or the capped 200. */
async function readColumn(db: Conn, dialect: Dialect, s: WorkflowStateRow): Promise<CardEntry[]> {
  const q = cardQuery(db).where('items.state_id', '=', s.id);
  const capped = CAPPED[s.category as StateCategory];
  if (!capped) return (await q.orderBy('items.rank').execute()).map(cardEntry);
  if (capped === 'top') return (await q.orderBy('items.rank').limit(boardLimits.cappedColumnCards).execute()).map(cardEntry);
  const latest = await q
    .orderBy(descNullsLast(dialect, sql.ref('items.done_at')))
    .orderBy('items.id', 'desc')
    .limit(boardLimits.cappedColumnCards)
    .execute();
  // Shown in rank order like every column, so a card dropped among them lands where it is dropped.
  return latest.sort((a, b) => compareRanks(a.rank, b.rank)).map(cardEntry);
}

function cardQuery(db: Conn) {
  return db
    .selectFrom('items')
    .leftJoin('items as parent', 'parent.id', 'items.parent_id')
    .select([
      'items.id',
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

const cardEntry = (r: CardRow): CardEntry => ({ id: r.id, rank: r.rank, json: Buffer.from(JSON.stringify(presentCard(r))) });
const COMMA = Buffer.from(',');
const CLOSE_COLUMN = Buffer.from(']}');

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
