import { PostgresAdapter, sql } from 'kysely';
import type { Conn } from '../../db/schema.js';
import { compiledQuery } from '../../db/compiled-query.js';
import type { TItem } from '../../contract/items.js';
import { notFound } from '../../domain/errors.js';
import type { StateCategory } from '../../domain/workflow.js';
import { requireItem } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentItem, summaryQuery, type ItemExtras } from './present-item.js';

/** One item with its criteria, links and (for epics) progress; 404 when deleted or invisible to the actor. */
export async function getItem(ctx: ServiceContext, actor: Actor, key: string): Promise<TItem> {
  const { item } = await requireItem(ctx.db, actor, key, 'product.read');
  return loadItem(ctx.db, item.id, ctx.clock.now());
}

/**
 * Reads and presents an item by id; services call it after a change to answer with the fresh
 * item. On SQLite that is five reads in process; on PostgreSQL one statement (loadItemInOneRead).
 */
export async function loadItem(db: Conn, id: number, now: Date): Promise<TItem> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return loadItemInOneRead(db, id, now);
  const [row, extras] = await Promise.all([loadRow(db, id), loadExtras(db, id)]);
  if (!row) throw notFound(`Item ${id}`);
  return presentItem(row, { ...extras, progress: row.type === 'epic' ? extras.progress : null }, now);
}

/**
 * On PostgreSQL the row and its parts come in one statement: each statement costs the server
 * process about 80 µs of CPU in the driver and the socket whatever it reads (measured with one
 * compiled read run 10,000 times), so five side by side cost an item answer about 0.3 ms more
 * than one (docs/decisions/0015). The parts arrive as JSON built by the database, in the order
 * and with the values the five reads give on SQLite (test/integration/item-answer.test.ts holds
 * both dialects to the same answer).
 */
async function loadItemInOneRead(db: Conn, id: number, now: Date): Promise<TItem> {
  const [row] = await itemWithParts(db, { id });
  if (!row) throw notFound(`Item ${id}`);
  const { criteria_json, links_json, children, ...item } = row;
  return presentItem(
    item,
    {
      ...presentExtras(criteria_json, links_json),
      progress: item.type === 'epic' ? { total: children.total, done: children.done } : null,
    },
    now,
  );
}

async function loadRow(db: Conn, id: number) {
  const [row] = await itemRow(db, { id });
  return row;
}

/** Criteria, links and children's progress (zero for anything but an epic). */
async function loadExtras(db: Conn, id: number): Promise<ItemExtras> {
  const [criteria, outgoing, incoming, [progress]] = await Promise.all([
    criteriaOf(db, { id }),
    linksFrom(db, { id }),
    linksTo(db, { id }),
    childProgress(db, { id }),
  ]);
  // A "blocks" link seen from its target reads "blocked by".
  const links = [...outgoing, ...incoming.map((l) => ({ ...l, kind: l.kind === 'blocks' ? 'blocked_by' : l.kind }))];
  return {
    ...presentExtras(criteria, links),
    progress: { total: Number(progress?.total ?? 0), done: Number(progress?.done ?? 0) },
  };
}

interface CriterionRow {
  id: number;
  text: string;
  accepted: number;
  accepted_by: number | null;
  accepted_at: string | null;
  accepted_by_name: string | null;
}
interface LinkRow {
  id: number;
  kind: string;
  key: string;
  title: string;
  category: string;
}

/** Criteria in checklist order and links both ways (incoming ones already named from this side), as the answer gives them. */
function presentExtras(criteria: CriterionRow[], links: LinkRow[]): Omit<ItemExtras, 'progress'> {
  return {
    // The index in the checklist, as PATCH /api/criteria/:id takes it; the stored float only orders.
    criteria: criteria.map((c, i) => ({
      id: c.id,
      text: c.text,
      position: i,
      accepted: !!c.accepted,
      acceptedBy: c.accepted_by != null ? { id: c.accepted_by, name: c.accepted_by_name ?? '' } : null,
      acceptedAt: c.accepted_at,
    })),
    links: [...links]
      .sort((a, b) => a.id - b.id)
      .map((l) => ({
        kind: l.kind as 'blocks' | 'blocked_by' | 'relates',
        key: l.key,
        title: l.title,
        stateCategory: l.category as StateCategory,
      })),
  };
}

// Every item answer (a read, and the answer to every edit and move) runs these five reads; they are
// compiled once (src/db/compiled-query.ts): building them with Kysely each time cost a move more
// CPU than running them (issue 14).
const itemRow = compiledQuery((db, args: { id: number }) => itemRowQuery(db, args.id));

function itemRowQuery(db: Conn, id: number) {
  return summaryQuery(db)
    .innerJoin('products', 'products.id', 'items.product_id')
    .leftJoin('users as creator', 'creator.id', 'items.created_by')
    .select([
      'items.description',
      'items.blocked_seconds',
      'items.started_at',
      'items.created_by',
      'products.key as product_key',
      'creator.name as created_by_name',
    ])
    .where('items.id', '=', id);
}

/** PostgreSQL: the item's row with its criteria, links both ways and children's counts, as the five reads below give them. */
const itemWithParts = compiledQuery((db, args: { id: number }) =>
  itemRowQuery(db, args.id).select([
    sql<CriterionRow[]>`(
      SELECT coalesce(json_agg(json_build_object('id', c.id, 'text', c.text, 'accepted', c.accepted, 'accepted_by', c.accepted_by,
               'accepted_at', c.accepted_at, 'accepted_by_name', u.name) ORDER BY c.position, c.id), '[]')
        FROM acceptance_criteria c LEFT JOIN users u ON u.id = c.accepted_by
       WHERE c.item_id = items.id)`.as('criteria_json'),
    sql<LinkRow[]>`(
      SELECT coalesce(json_agg(json_build_object('id', l.id, 'kind', l.kind, 'key', l.key, 'title', l.title, 'category', l.category)), '[]')
        FROM (SELECT l.id, l.kind, o.key, o.title, s.category
                FROM item_links l JOIN items o ON o.id = l.to_item_id JOIN workflow_states s ON s.id = o.state_id
               WHERE l.from_item_id = items.id AND o.deleted_at IS NULL
              UNION ALL
              SELECT l.id, CASE WHEN l.kind = 'blocks' THEN 'blocked_by' ELSE l.kind END, o.key, o.title, s.category
                FROM item_links l JOIN items o ON o.id = l.from_item_id JOIN workflow_states s ON s.id = o.state_id
               WHERE l.to_item_id = items.id AND o.deleted_at IS NULL) l)`.as('links_json'),
    sql<{ total: number; done: number }>`(
      SELECT json_build_object('total', count(*), 'done', count(*) FILTER (WHERE s.category = 'done'))
        FROM items child JOIN workflow_states s ON s.id = child.state_id
       WHERE child.parent_id = items.id AND child.deleted_at IS NULL)`.as('children'),
  ]),
);

const criteriaOf = compiledQuery((db, args: { id: number }) =>
  db
    .selectFrom('acceptance_criteria as c')
    .leftJoin('users as u', 'u.id', 'c.accepted_by')
    .select(['c.id', 'c.text', 'c.position', 'c.accepted', 'c.accepted_by', 'c.accepted_at', 'u.name as accepted_by_name'])
    .where('c.item_id', '=', args.id)
    .orderBy('c.position')
    .orderBy('c.id'),
);

/** An item's links one way: `from` the item (outgoing) or `to` it (incoming), with the other item's key, title and category. */
const linksQuery = (direction: 'from' | 'to') =>
  compiledQuery((db, args: { id: number }) =>
    db
      .selectFrom('item_links as l')
      .innerJoin('items as other', 'other.id', direction === 'from' ? 'l.to_item_id' : 'l.from_item_id')
      .innerJoin('workflow_states as s', 's.id', 'other.state_id')
      .select(['l.id', 'l.kind', 'other.key', 'other.title', 's.category'])
      .where(direction === 'from' ? 'l.from_item_id' : 'l.to_item_id', '=', args.id)
      .where('other.deleted_at', 'is', null),
  );
const linksFrom = linksQuery('from');
const linksTo = linksQuery('to');

const childProgress = compiledQuery((db, args: { id: number }) =>
  db
    .selectFrom('items as child')
    .innerJoin('workflow_states as s', 's.id', 'child.state_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('s.category', '=', 'done').then(1).else(0).end()).as('done'),
    ])
    .where('child.parent_id', '=', args.id)
    .where('child.deleted_at', 'is', null),
);
