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
 * item. Its five reads are independent, so on PostgreSQL they travel over the pool side by side.
 */
export async function loadItem(db: Conn, id: number, now: Date): Promise<TItem> {
  const [row, extras] = await Promise.all([loadRow(db, id), loadExtras(db, id)]);
  if (!row) throw notFound(`Item ${id}`);
  return presentItem(row, { ...extras, progress: row.type === 'epic' ? extras.progress : null }, now);
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
  const links = [
    ...outgoing.map((l) => ({ ...l, kind: l.kind })),
    // A "blocks" link seen from its target reads "blocked by".
    ...incoming.map((l) => ({ ...l, kind: l.kind === 'blocks' ? 'blocked_by' : l.kind })),
  ]
    .sort((a, b) => a.id - b.id)
    .map((l) => ({
      kind: l.kind as 'blocks' | 'blocked_by' | 'relates',
      key: l.key,
      title: l.title,
      stateCategory: l.category as StateCategory,
    }));
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
    links,
    progress: { total: Number(progress?.total ?? 0), done: Number(progress?.done ?? 0) },
  };
}

// Every item answer (a read, and the answer to every edit and move) runs these five reads; they are
// compiled once (src/db/compiled-query.ts): building them with Kysely each time cost a move more
// CPU than running them (issue 14).
const itemRow = compiledQuery((db, args: { id: number }) =>
  summaryQuery(db)
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
    .where('items.id', '=', args.id),
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
