import type { TEditDraftRequest, TStatusUpdate } from '../../contract/updates.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Health } from '../../domain/status-update.js';
import type { ProductRow } from '../../db/schema.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext, type TxContext } from '../context.js';
import { openDraft, presentUpdate, type UpdateRow } from './present-update.js';

/** Saves the draft's Markdown and health at the version the editor read; a stale version is a 409 with the current draft. */
export async function editDraft(ctx: ServiceContext, actor: Actor, productKey: string, input: TEditDraftRequest): Promise<TStatusUpdate> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'update.publish');
  return mutate(ctx, { productId: product.id }, async (tx) => presentUpdate(await saveDraft(tx, actor, product, input)));
}

/** The draft row, checked against the version read, with the edits written (or as it was when nothing changed). */
export async function saveDraft(
  tx: TxContext,
  actor: Actor,
  product: ProductRow,
  input: { body?: string; health?: Health; version: number },
): Promise<UpdateRow> {
  const draft = await openDraft(tx.db, product.id);
  if (!draft) throw notFound(`A draft status update of ${product.key}`);
  if (draft.version !== input.version) throw stale(draft);
  const set: { body?: string; health?: Health } = {};
  const before: { health?: Health | null; bodyLength?: number } = {};
  const after: { health?: Health | null; bodyLength?: number } = {};
  if (input.body !== undefined && input.body !== draft.body) {
    set.body = input.body;
    before.bodyLength = draft.body.length;
    after.bodyLength = input.body.length;
  }
  if (input.health !== undefined && input.health !== draft.health) {
    set.health = input.health;
    before.health = draft.health as Health | null;
    after.health = input.health;
  }
  if (!Object.keys(set).length) return draft;
  const updated = await tx.db
    .updateTable('status_updates')
    .set({ ...set, updated_at: tx.clock.now().toISOString(), version: draft.version + 1 })
    .where('id', '=', draft.id)
    .where('version', '=', draft.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw stale((await openDraft(tx.db, product.id)) ?? draft);
  await tx.record({
    productId: product.id,
    actorId: actor.userId,
    entityType: 'status_update',
    entityId: draft.id,
    action: 'edited',
    before,
    after,
  });
  return (await openDraft(tx.db, product.id))!;
}

export function stale(row: UpdateRow) {
  return new AppError('conflict', 'The status update was changed by someone else since you opened it', { current: presentUpdate(row) });
}
