import type { Conn, ItemRow, ProductRow } from '../db/schema.js';
import { notFound, forbidden } from '../domain/errors.js';
import { can, type Action } from '../domain/permissions.js';
import type { Role } from '../domain/roles.js';
import { archivedProduct, type Actor } from './context.js';
import { compiledQuery } from '../db/compiled-query.js';

export interface ProductAccess {
  product: ProductRow;
  role: Role;
}

/** Every request on a product starts here, so the query is compiled once per shape (src/db/compiled-query.ts). */
const productWithRole = compiledQuery((db, args: { userId: number; key?: string; id?: number }, names) => {
  const q = db
    .selectFrom('products')
    .leftJoin('memberships', (j) => j.onRef('memberships.product_id', '=', 'products.id').on('memberships.user_id', '=', args.userId))
    .selectAll('products')
    .select('memberships.role');
  return names.includes('key') ? q.where('products.key', '=', args.key!) : q.where('products.id', '=', args.id!);
});

/** The columns of a product, each read beside an item's under a prefix of its own (itemWithAccess). */
const PRODUCT_COLUMNS = [
  'id',
  'key',
  'name',
  'vision',
  'last_event',
  'next_item_number',
  'created_at',
  'updated_at',
  'archived_at',
  'version',
  'building_since',
] as const satisfies readonly (keyof ProductRow)[];
// Adding a column to products without listing it above fails to compile here.
type Unlisted = Exclude<keyof ProductRow, (typeof PRODUCT_COLUMNS)[number]>;
const _everyProductColumn: [Unlisted] extends [never] ? true : never = true;
const PREFIX = 'product__';

/**
 * Every request on an item (a read, an edit, a move) starts here: the item, its product and the
 * actor's membership in one statement: one round trip where it took two (issue 14).
 */
const itemWithAccess = compiledQuery((db, args: { key: string; userId: number }) =>
  db
    .selectFrom('items')
    .innerJoin('products', 'products.id', 'items.product_id')
    .leftJoin('memberships', (j) => j.onRef('memberships.product_id', '=', 'products.id').on('memberships.user_id', '=', args.userId))
    .selectAll('items')
    .select(PRODUCT_COLUMNS.map((c) => `products.${c} as ${PREFIX}${c}` as `products.${typeof c} as product__${typeof c}`))
    .select('memberships.role as member_role')
    .where('items.key', '=', args.key),
);

/**
 * Loads a product the actor may take `action` on. Without any role the product does not exist
 * for them (404); with a role that does not allow the action, 403.
 */
export async function requireProduct(
  db: Conn,
  actor: Actor,
  where: { key: string } | { id: number },
  action: Action,
): Promise<ProductAccess> {
  const [row] = await productWithRole(
    db,
    'key' in where ? { userId: actor.userId, key: where.key } : { userId: actor.userId, id: where.id },
  );
  const name = `Product ${'key' in where ? where.key : where.id}`;
  if (!row) throw notFound(name);
  const { role: member, ...product } = row;
  return { product, role: checkAccess(actor, product, member as Role | null, action, name) };
}

/**
 * The actor's role on a product, if it allows `action`: without any role the product does not
 * exist for them (404 with `name`); with a role that does not allow the action, 403.
 */
function checkAccess(actor: Actor, product: ProductRow, member: Role | null, action: Action, name: string): Role {
  const role: Role | null = actor.isAdmin ? 'admin' : member;
  // A product `ordo demo` is still building does not exist yet for anyone but its members.
  if (product.building_since && !member) throw notFound(name);
  if (!role) throw notFound(name);
  if (!can(role, action)) throw forbidden(`A ${role} cannot ${describe(action)}`);
  // Said early for a clear answer; the rule itself holds in mutate() (where activity takes its event numbers), which every write passes.
  if (product.archived_at && action !== 'product.read' && action !== 'product.archive') throw archivedProduct(product.key);
  return role;
}

/**
 * The entities that belong to a product, each with its name in messages and how it is read (with
 * the id of its product). Comments and criteria belong to a live item: on a deleted item they
 * are gone too.
 */
const CHILDREN = {
  sprints: {
    noun: 'Sprint',
    load: (db: Conn, id: number) => db.selectFrom('sprints').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  releases: {
    noun: 'Release',
    load: (db: Conn, id: number) => db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  comments: {
    noun: 'Comment',
    load: (db: Conn, id: number) =>
      db
        .selectFrom('comments')
        .innerJoin('items', 'items.id', 'comments.item_id')
        .selectAll('comments')
        .select('items.product_id')
        .where('comments.id', '=', id)
        .where('comments.deleted_at', 'is', null)
        .where('items.deleted_at', 'is', null)
        .executeTakeFirst(),
  },
  acceptance_criteria: {
    noun: 'Criterion',
    load: (db: Conn, id: number) =>
      db
        .selectFrom('acceptance_criteria')
        .innerJoin('items', 'items.id', 'acceptance_criteria.item_id')
        .selectAll('acceptance_criteria')
        .select('items.product_id')
        .where('acceptance_criteria.id', '=', id)
        .where('items.deleted_at', 'is', null)
        .executeTakeFirst(),
  },
  attachments: {
    noun: 'Attachment',
    load: (db: Conn, id: number) =>
      db
        .selectFrom('attachments')
        .innerJoin('items', 'items.id', 'attachments.item_id')
        .selectAll('attachments')
        .where('attachments.id', '=', id)
        .where('items.deleted_at', 'is', null)
        .executeTakeFirst(),
  },
} satisfies Record<string, { noun: string; load: (db: Conn, id: number) => Promise<{ product_id: number } | undefined> }>;

export type ChildTable = keyof typeof CHILDREN;
export type ChildRow<T extends ChildTable> = NonNullable<Awaited<ReturnType<(typeof CHILDREN)[T]['load']>>>;

/**
 * Loads a sprint, release, comment or criterion by id with the actor's access to its product.
 * It is not found (404 naming it) when it does not exist or its product is out of the actor's
 * sight; 403 when the actor's role does not allow `action`.
 */
export async function requireChild<T extends ChildTable>(
  db: Conn,
  actor: Actor,
  child: { table: T; id: number },
  action: Action,
): Promise<{ row: ChildRow<T> } & ProductAccess> {
  const { noun, load } = CHILDREN[child.table];
  return productOf(db, actor, `${noun} ${child.id}`, (await load(db, child.id)) as ChildRow<T> | undefined, action);
}

/** Loads an item by key together with the actor's access to its product. */
export async function requireItem(
  db: Conn,
  actor: Actor,
  key: string,
  action: Action,
  opts: { includeDeleted?: boolean } = {},
): Promise<{ item: ItemRow } & ProductAccess> {
  const [row] = await itemWithAccess(db, { key, userId: actor.userId });
  const name = `Item ${key}`;
  if (!row || (row.deleted_at && !opts.includeDeleted)) throw notFound(name);
  const product = {} as Record<string, unknown>;
  const item = {} as Record<string, unknown>;
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith(PREFIX)) product[column.slice(PREFIX.length)] = value;
    else if (column !== 'member_role') item[column] = value;
  }
  // An item of a product one cannot see does not exist either.
  const role = checkAccess(actor, product as ProductRow, row.member_role as Role | null, action, name);
  return { item: item as ItemRow, product: product as ProductRow, role };
}

/** The access check every child shares: missing, or of a product one cannot see, is "not found" by its own name. */
async function productOf<R extends { product_id: number }>(
  db: Conn,
  actor: Actor,
  name: string,
  row: R | undefined,
  action: Action,
): Promise<{ row: R } & ProductAccess> {
  if (!row) throw notFound(name);
  const access = await requireProduct(db, actor, { id: row.product_id }, action).catch((e) => {
    // A child of a product one cannot see does not exist either.
    if (e?.code === 'not_found') throw notFound(name);
    throw e;
  });
  return { row, ...access };
}

function describe(action: Action): string {
  const [noun, verb] = action.split('.');
  return `${verb} ${noun === 'item' ? 'items' : noun === 'product' ? 'this product' : noun + 's'}`;
}
