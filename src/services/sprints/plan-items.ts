import type { Conn } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, TxContext } from '../context.js';
import { changeItems } from '../items/change-items.js';

/**
 * Moves items into (or out of, with null) a sprint in one statement, and records each item's
 * change the way an item edit does, so item history, burndowns and the board all see it.
 */
export async function setItemsSprint(
  tx: TxContext,
  actor: Actor,
  productId: number,
  itemIds: number[],
  from: number | null,
  to: number | null,
) {
  if (itemIds.length === 0) return;
  await setItemsField(tx, actor, productId, itemIds, 'sprint_id', 'sprintId', to, from);
}

/** The shared write behind planning items into sprints and releases. */
export async function setItemsField(
  tx: TxContext,
  actor: Actor,
  productId: number,
  itemIds: number[],
  column: 'sprint_id' | 'release_id',
  field: 'sprintId' | 'releaseId',
  to: number | null,
  knownFrom?: number | null,
) {
  const rows =
    knownFrom === undefined
      ? await tx.db.selectFrom('items').select(['id', column]).where('id', 'in', itemIds).execute()
      : itemIds.map((id) => ({ id, [column]: knownFrom }) as { id: number } & Record<typeof column, number | null>);
  const changing = rows.filter((r) => r[column] !== to);
  if (changing.length === 0) return;
  // One statement for all of them: they get the same column.
  await changeItems(tx, {
    productId,
    actorId: actor.userId,
    version: 'bump',
    changes: changing.map((r) => ({
      id: r.id,
      set: { [column]: to },
      action: 'updated',
      before: field === 'sprintId' ? { sprintId: r[column] } : { releaseId: r[column] },
      after: field === 'sprintId' ? { sprintId: to } : { releaseId: to },
    })),
  });
}

/** Resolves item keys of one product for planning; 400 naming the first unknown key. */
export async function itemIdsForKeys(db: Conn, productId: number, keys: string[]): Promise<number[]> {
  const unique = [...new Set(keys)];
  const rows = await db
    .selectFrom('items')
    .select(['id', 'key'])
    .where('product_id', '=', productId)
    .where('key', 'in', unique)
    .where('deleted_at', 'is', null)
    .execute();
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.key));
    const missing = unique.filter((k) => !found.has(k));
    throw new AppError('validation', `keys: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not an item of this product`, {
      fields: [{ path: 'keys', message: `unknown: ${missing.join(', ')}` }],
    });
  }
  return rows.map((r) => r.id);
}
