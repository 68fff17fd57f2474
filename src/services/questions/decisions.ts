import { sql } from 'kysely';
import type { ProductRow } from '../../db/schema.js';
import type { TDecision, TDecisionListQuery, TRecordDecisionRequest } from '../../contract/questions.js';
import { AppError, invalid } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext, type TxContext } from '../context.js';
import { decisionQuery, presentDecisions } from './present-question.js';

/** The decision log, newest first; `q` finds words in a decision's title, text or question. */
export async function findDecisions(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  query: TDecisionListQuery,
): Promise<{ items: TDecision[]; nextCursor: string | null }> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  let q = decisionQuery(ctx.db).where('d.product_id', '=', product.id);
  const words = (query.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      () =>
        sql<boolean>`(lower(d.title) LIKE ${pattern} ESCAPE '\\' OR lower(d.body) LIKE ${pattern} ESCAPE '\\' OR lower(coalesce(q.body, '')) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (query.itemKey) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('decision_items as di')
          .innerJoin('items as i', 'i.id', 'di.item_id')
          .select('di.item_id')
          .whereRef('di.decision_id', '=', 'd.id')
          .where('i.key', '=', query.itemKey!),
      ),
    );
  }
  if (query.cursor) q = q.where('d.id', '<', Number(query.cursor));
  const rows = await q
    .orderBy('d.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return { items: await presentDecisions(ctx.db, page), nextCursor: more ? String(page.at(-1)!.id) : null };
}

/** Records a decision made outside a question; owners only. */
export async function recordDecision(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  input: TRecordDecisionRequest,
): Promise<TDecision> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'question.answer');
  const itemIds = await resolveItemKeys(ctx, product, input.itemKeys ?? []);
  const id = await mutate(ctx, { productId: product.id }, (tx) =>
    writeDecision(tx, actor, product, { title: input.title, body: input.body, questionId: null, itemIds, supersedes: input.supersedes }),
  );
  const [decision] = await presentDecisions(ctx.db, await decisionQuery(ctx.db).where('d.id', '=', id).execute());
  return decision!;
}

/** Item keys of the product to ids; a key of another product or none is a 400 naming it. */
export async function resolveItemKeys(ctx: ServiceContext, product: ProductRow, keys: string[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('items')
    .select(['id', 'key'])
    .where('product_id', '=', product.id)
    .where('key', 'in', keys)
    .where('deleted_at', 'is', null)
    .execute();
  const missing = keys.find((k) => !rows.some((r) => r.key === k));
  if (missing) throw invalid('itemKeys', `${missing} is not an item of ${product.key}`);
  return rows.map((r) => r.id);
}

/**
 * Writes a decision in the log with its items; a superseded decision stays, linked both ways to
 * the one that replaces it. Superseding one that was already superseded is a 409 naming its successor.
 */
export async function writeDecision(
  tx: TxContext,
  actor: Actor,
  product: ProductRow,
  input: { title: string; body: string; questionId: number | null; itemIds: number[]; supersedes?: number },
): Promise<number> {
  const now = tx.clock.now().toISOString();
  if (input.supersedes !== undefined) {
    const older = await tx.db
      .selectFrom('decisions')
      .select(['id', 'superseded_by_id'])
      .where('id', '=', input.supersedes)
      .where('product_id', '=', product.id)
      .executeTakeFirst();
    if (!older) throw invalid('supersedes', `decision ${input.supersedes} is not in the decision log of ${product.key}`);
    if (older.superseded_by_id !== null)
      throw new AppError(
        'conflict',
        `Decision ${older.id} was already superseded by decision ${older.superseded_by_id}; supersede that one`,
      );
  }
  const row = await tx.db
    .insertInto('decisions')
    .values({
      product_id: product.id,
      question_id: input.questionId,
      title: input.title,
      body: input.body,
      decided_by: actor.userId,
      decided_at: now,
      supersedes_id: input.supersedes ?? null,
      superseded_by_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const itemIds = [...new Set(input.itemIds)];
  if (itemIds.length)
    await tx.db
      .insertInto('decision_items')
      .values(itemIds.map((item_id) => ({ decision_id: row.id, item_id })))
      .execute();
  if (input.supersedes !== undefined) {
    const taken = await tx.db
      .updateTable('decisions')
      .set({ superseded_by_id: row.id })
      .where('id', '=', input.supersedes)
      .where('superseded_by_id', 'is', null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1)
      throw new AppError('conflict', `Decision ${input.supersedes} was superseded by someone else just now; reload the decision log`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'decision',
      entityId: input.supersedes,
      action: 'superseded',
      after: { supersededBy: row.id },
    });
  }
  await tx.record({
    productId: product.id,
    actorId: actor.userId,
    entityType: 'decision',
    entityId: row.id,
    itemId: itemIds.length === 1 ? itemIds[0] : null,
    action: 'created',
    after: { title: input.title, questionId: input.questionId, supersedes: input.supersedes ?? null, itemIds },
  });
  return row.id;
}
