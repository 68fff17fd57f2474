import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Conn, Database, Db } from '../../db/schema.js';
import { descNullsLast } from '../../db/expressions.js';
import { itemSearch } from '../../db/search.js';
import { ITEM_TYPES, type TItemListQuery, type TItemPage } from '../../contract/items.js';
import { MAX_INT, ZId } from '../../contract/common.js';
import { invalid } from '../../domain/errors.js';
import { STATE_CATEGORIES } from '../../domain/workflow.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentSummary, summaryQuery } from './present-item.js';

const ITEM_KEY = /^[A-Z][A-Z0-9]{1,9}-\d+$/;

/**
 * A page of a product's items in the owner's order (or by WSJF, as advice), filtered. Pages are
 * cut by a cursor holding the last rank, so each page is one walk along the rank index from
 * where the last one stopped, however deep into 100,000 items it is. The total is counted only
 * when asked for: counting every row costs more than the page.
 */
export async function findItems(ctx: ServiceContext, actor: Actor, productKey: string, query: TItemListQuery): Promise<TItemPage> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  return readPage(ctx, product.id, query);
}

const CACHED_PAGES = 256;

/**
 * Serialised pages by product and query, for the product's event number they were read at. Every
 * change to a product's items takes a new event number, so a page filed under the current number
 * is the current page: a team opening the same backlog costs one permission check each.
 */
const pageCaches = new WeakMap<Db, Map<string, { lastEvent: number; body: Buffer }>>();

/** findItems, serialised and served from cache while the product has not changed. */
export async function findItemsSerialised(ctx: ServiceContext, actor: Actor, productKey: string, query: TItemListQuery): Promise<Buffer> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  let cache = pageCaches.get(ctx.db);
  if (!cache) pageCaches.set(ctx.db, (cache = new Map()));
  const key = `${product.id}|${JSON.stringify(query)}`;
  const hit = cache.get(key);
  if (hit && hit.lastEvent === product.last_event) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.body;
  }
  // Read after last_event was, so the page is at least as new as the number it is filed under.
  const body = Buffer.from(JSON.stringify(await readPage(ctx, product.id, query)));
  cache.delete(key);
  cache.set(key, { lastEvent: product.last_event, body });
  if (cache.size > CACHED_PAGES) cache.delete(cache.keys().next().value!);
  return body;
}

async function readPage(ctx: ServiceContext, productId: number, query: TItemListQuery): Promise<TItemPage> {
  const product = { id: productId };
  const cursor = decodeCursor(query.cursor, query.sort);
  const search = query.q === undefined ? null : await itemSearch(ctx.db, ctx.dialect, query.q);
  const states = await statesWanted(ctx.db, product.id, query);
  const matches = filters(query, search?.condition ?? null, states);
  const limit = query.limit;

  // With a few search matches, the unary + stops SQLite from walking the whole product to find them.
  const inProduct = search?.selective ? sql<SqlBool>`+items.product_id = ${product.id}` : sql<SqlBool>`items.product_id = ${product.id}`;
  let page = summaryQuery(ctx.db).where(inProduct).where(matches);
  if (query.sort !== 'wsjf' && !search && states && states.length > 1) {
    // Several states (the backlog with done hidden): the page is merged from each state's own
    // walk along items_live_state, so done items ranked above the open work are never read.
    const ids = await idsAcrossStates(
      ctx.db,
      states,
      (q) => {
        // The states are this product's, so naming one names the product; a product condition here
        // made PostgreSQL walk the product's rank index past every done item above the open work.
        const within = q.where(filters(query, null, null));
        return cursor.rank !== undefined ? within.where('items.rank', '>', cursor.rank) : within;
      },
      limit + 1,
    );
    page = ids.length ? page.where('items.id', 'in', ids).orderBy('items.rank') : page.where(sql<SqlBool>`1 = 0`);
  } else if (query.sort === 'wsjf') {
    // Unscored items last.
    page = page
      .orderBy(descNullsLast(ctx.dialect, WSJF))
      .orderBy('items.rank')
      .offset(cursor.offset ?? 0);
  } else if (query.sort === 'votes') {
    // Along the index items_live_votes (migration 022): the most voted first, the owner's order among equals.
    page = page
      .orderBy('items.request_votes', 'desc')
      .orderBy('items.rank')
      .offset(cursor.offset ?? 0);
  } else {
    if (cursor.rank !== undefined) page = page.where('items.rank', '>', cursor.rank);
    page = page.orderBy('items.rank');
  }
  const [rows, total] = await Promise.all([
    page.limit(limit + 1).execute(),
    query.count === 'true' ? countOf(ctx.db, product.id, matches) : undefined,
  ]);
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(presentSummary);
  const last = items.at(-1);
  const nextCursor =
    !more || !last ? null : encodeCursor(query.sort !== 'rank' ? { offset: (cursor.offset ?? 0) + limit } : { rank: last.rank });
  return total === undefined ? { items, nextCursor } : { items, nextCursor, total };
}

async function countOf(db: Conn, productId: number, matches: Condition): Promise<number> {
  const row = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('items.product_id', '=', productId)
    .where(matches)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type Condition = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/**
 * The states a list is limited to, from its state and state-category filters (both: the states
 * in both), or null when it is not. Resolved to ids first, so the database walks each state's
 * index instead of asking the workflow table about every item.
 */
async function statesWanted(db: Conn, productId: number, f: TItemListQuery): Promise<number[] | null> {
  const named = f.state?.length ? f.state.map((s) => id('state', s)) : null;
  const categories = f.stateCategory?.length ? oneOf('stateCategory', f.stateCategory, STATE_CATEGORIES) : null;
  if (!named && !categories) return null;
  // Only this product's states: another product's state id matches none of its items.
  let q = db.selectFrom('workflow_states').select('id').where('product_id', '=', productId);
  if (named) q = q.where('id', 'in', named);
  if (categories) q = q.where('category', 'in', categories);
  return (await q.orderBy('position').execute()).map((r) => r.id);
}

type Walk = SelectQueryBuilder<Database, 'items', { id: number; rank: string }>;

/**
 * The first `limit` item ids in rank order among several states: each state's own first `limit`
 * along its index, merged. `where` adds the list's other conditions to each state's walk.
 */
async function idsAcrossStates(db: Conn, states: number[], where: (q: Walk) => Walk, limit: number): Promise<number[]> {
  const walks = states.map((stateId) =>
    db
      .selectFrom(
        where(db.selectFrom('items').select(['items.id', 'items.rank']).where('items.state_id', '=', stateId))
          .orderBy('items.rank')
          .limit(limit)
          .as('walk'),
      )
      .select(['walk.id', 'walk.rank']),
  );
  const merged = walks.slice(1).reduce((all, walk) => all.unionAll(walk), walks[0]!);
  const rows = await db.selectFrom(merged.as('merged')).select('merged.id').orderBy('merged.rank').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The list's filters as one condition on `items` alone, so the page and the count share it. */
function filters(f: TItemListQuery, match: Expression<SqlBool> | null, states: number[] | null): Condition {
  const types = f.type?.length ? oneOf('type', f.type, ITEM_TYPES) : null;
  const assignee = f.assignee?.length ? noneOr('items.assignee_id', 'assignee', f.assignee) : null;
  const sprint = f.sprint !== undefined ? noneOr('items.sprint_id', 'sprint', [f.sprint]) : null;
  const release = f.release !== undefined ? noneOr('items.release_id', 'release', [f.release]) : null;
  // PostgreSQL's parser reads "PAY-12" as "pay" and "-12", so a typed key is also looked up as such.
  const typedKey = f.q?.trim().toUpperCase();
  return (eb) => {
    const all: Expression<SqlBool>[] = [f.deleted === 'true' ? eb('items.deleted_at', 'is not', null) : eb('items.deleted_at', 'is', null)];
    if (types) all.push(eb('items.type', 'in', types));
    if (states) all.push(states.length ? eb('items.state_id', 'in', states) : sql<SqlBool>`1 = 0`);
    if (f.label?.length) {
      // Probed per row while walking the rank order, so a page stops after its hundredth match
      // instead of gathering and sorting every item that carries a common label.
      all.push(
        eb.exists(
          eb
            .selectFrom('item_labels')
            .select('item_labels.label')
            .whereRef('item_labels.item_id', '=', 'items.id')
            .where('item_labels.label', 'in', f.label),
        ),
      );
    }
    if (assignee) all.push(assignee(eb));
    if (sprint) all.push(sprint(eb));
    if (release) all.push(release(eb));
    // "=" a scalar subquery, so the children are found by the parent index, not by walking the backlog.
    if (f.epic !== undefined)
      all.push(eb('items.parent_id', '=', eb.selectFrom('items as epic').select('epic.id').where('epic.key', '=', f.epic)));
    // A literal, not a parameter, so the planner can prove the partial index items_blocked applies.
    if (f.blocked !== undefined) all.push(sql<SqlBool>`items.blocked = ${sql.lit(f.blocked === 'true' ? 1 : 0)}`);
    if (match) all.push(typedKey && ITEM_KEY.test(typedKey) ? eb.or([match, eb('items.key', '=', typedKey)]) : match);
    return eb.and(all);
  };
}

/** `column IN (ids)`, or IS NULL for "none", or both. */
function noneOr(column: 'items.assignee_id' | 'items.sprint_id' | 'items.release_id', field: string, values: string[]) {
  const ids = values.filter((v) => v !== 'none').map((v) => id(field, v));
  const none = values.includes('none');
  return (eb: any): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (ids.length) parts.push(eb(column, 'in', ids));
    if (none) parts.push(eb(column, 'is', null));
    return eb.or(parts);
  };
}

function id(field: string, value: string): number {
  const parsed = ZId.safeParse(value);
  if (!parsed.success || !/^\d+$/.test(value)) throw invalid(field, `${JSON.stringify(value)} is not an id`);
  return parsed.data;
}

function oneOf<T extends string>(field: string, values: string[], allowed: readonly T[]): T[] {
  for (const v of values) if (!allowed.includes(v as T)) throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return values as T[];
}

/**
 * WSJF in SQL: null when an input is missing or the job has no size, as domain/scores.ts says.
 * Written exactly as in the index items_live_wsjf (migration 002), which serves this order.
 */
const WSJF = sql<number | null>`(items.business_value + items.time_criticality + items.risk_reduction) / NULLIF(items.job_size, 0)`;

interface Cursor {
  rank?: string;
  offset?: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Cursors are opaque to clients; one that was not ours, or is for the other sort, is a 400. */
function decodeCursor(raw: string | undefined, sort: 'rank' | 'wsjf' | 'votes'): Cursor {
  if (raw === undefined || raw === '') return {};
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (sort === 'rank' && typeof c.rank === 'string') return { rank: c.rank };
    if (sort !== 'rank' && Number.isInteger(c.offset) && c.offset! >= 0 && c.offset! <= MAX_INT) return { offset: c.offset };
  } catch {
    // fall through to the one error below
  }
  throw invalid('cursor', 'is not a cursor this list gave out');
}
