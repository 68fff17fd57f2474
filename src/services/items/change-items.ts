import { sql } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { Trx } from '../../db/schema.js';
import type { ItemUpdate } from '../../db/schema.js';
import type { TActivityChange } from '../../contract/activity.js';
import type { ActivityInput, TxContext } from '../context.js';

type ItemActivity = Extract<TActivityChange, { entityType: 'item' }>;
/** What the activity log says about one item's change: `moved`, `updated`, `deleted` or `restored` with its before and after. */
export type ItemChangeRecord =
  Exclude<ItemActivity, { action: 'created' }> extends infer C
    ? C extends { action: infer A; before: infer B; after: infer F }
      ? { action: A; before: B; after: F }
      : never
    : never;

export interface ItemChangesInput {
  productId: number;
  actorId: number | null;
  /**
   * The items' version: `bump` for an edit (an open edit of the old version goes stale), `keep`
   * for a change of rank alone (a move never conflicts with an edit), or `expected` for an edit
   * made at a version the caller read (the write matches only while the item still has it).
   */
  version: 'bump' | 'keep' | { expected: number };
  /** each item with the columns to write (besides updated_at and version) and its activity row */
  changes: Array<{ id: number; set: ItemUpdate } & ItemChangeRecord>;
}

/**
 * The one way an existing item's row changes: writes the columns and appends each item's activity
 * row in the same transaction, so item history, realtime clients (which read the log), the
 * cumulative flow and the burndowns all see every change. Items given the same columns are written
 * in one statement. Returns how many rows were written; with `expected`, 0 means the version was
 * stale and nothing was recorded.
 */
export async function changeItems(tx: TxContext, input: ItemChangesInput): Promise<number> {
  if (input.changes.length === 0) return 0;
  const at = tx.clock.now().toISOString();
  const groups = new Map<string, { set: ItemUpdate; ids: number[] }>();
  for (const c of input.changes) {
    const k = JSON.stringify(c.set);
    const group = groups.get(k) ?? { set: c.set, ids: [] };
    group.ids.push(c.id);
    groups.set(k, group);
  }
  let written = 0;
  for (const { set, ids } of groups.values()) {
    const version = input.version;
    if (ids.length === 1 && typeof version === 'string' && isPlain(set)) {
      written += await changeOneItem(tx.db, version, { ...definedOnly(set), updated_at: at, id: ids[0]! });
      continue;
    }
    let q = tx.db
      .updateTable('items')
      .set({
        ...set,
        updated_at: at,
        ...(version === 'bump'
          ? { version: sql<number>`version + 1` }
          : typeof version === 'object'
            ? { version: version.expected + 1 }
            : {}),
      })
      .where('id', 'in', ids);
    if (typeof version === 'object') q = q.where('version', '=', version.expected);
    written += Number((await q.executeTakeFirst()).numUpdatedRows);
  }
  if (typeof input.version === 'object' && written === 0) return 0;
  for (const c of input.changes) {
    await tx.record({
      productId: input.productId,
      actorId: input.actorId,
      entityType: 'item',
      entityId: c.id,
      itemId: c.id,
      action: c.action,
      before: c.before,
      after: c.after,
    } as ActivityInput);
  }
  return written;
}

/**
 * One item's columns written by a statement compiled once per set of columns and version rule
 * (src/db/compiled-query.ts): every move comes here, and building the update with Kysely cost it
 * more CPU than SQLite took to run it (issue 14).
 */
async function changeOneItem(db: Trx, version: 'bump' | 'keep', args: Record<string, unknown> & { id: number }): Promise<number> {
  const rows = await (version === 'bump' ? updateBumping : updateKeeping)(db, args);
  return rows.length;
}

const updateQuery = (version: 'bump' | 'keep') =>
  compiledQuery((db, args: Record<string, unknown> & { id: number }, names) => {
    const set: Record<string, unknown> = {};
    for (const name of names) if (name !== 'id') set[name] = args[name];
    return db
      .updateTable('items')
      .set({ ...(set as ItemUpdate), ...(version === 'bump' ? { version: sql<number>`version + 1` } : {}) })
      .where('id', '=', args.id)
      .returning('id');
  });
const updateBumping = updateQuery('bump');
const updateKeeping = updateQuery('keep');

/** Values the compiled update can bind as they are (Kysely expressions and the like go the general way). */
function isPlain(set: ItemUpdate): boolean {
  return Object.values(set).every((v) => v === undefined || v === null || typeof v === 'string' || typeof v === 'number');
}

/** Kysely leaves an undefined column out of an update; a compiled statement would bind it as null. */
function definedOnly(set: ItemUpdate): Record<string, unknown> {
  return Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
}
