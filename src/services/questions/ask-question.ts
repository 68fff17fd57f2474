import type { Conn, ItemRow, ProductRow } from '../../db/schema.js';
import type { TAskQuestionRequest, TQuestion } from '../../contract/questions.js';
import { invalid, notFound } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import type { Role } from '../../domain/roles.js';
import { requireItem, requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { clip, notifyMentions, resolveMentions } from '../mentions.js';
import { notify } from '../notifications/notify.js';
import { presentQuestion, questionQuery } from './present-question.js';

/** The people who answer a product's questions when nobody in particular is asked: its owners and leads. */
export async function productOwnerIds(db: Conn, productId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.product_id', '=', productId)
    .where('memberships.role', 'in', ['owner', 'lead'])
    .where('users.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Asks a question on an item (by its key). */
export async function askQuestionOnItem(
  ctx: ServiceContext,
  actor: Actor,
  itemKey: string,
  input: Omit<TAskQuestionRequest, 'itemKey'>,
): Promise<TQuestion> {
  const { item, product } = await requireItem(ctx.db, actor, itemKey, 'question.ask');
  return writeQuestion(ctx, actor, product, item, input);
}

/** Asks a question about a product, or with `itemKey` on one of its items. */
export async function askQuestion(ctx: ServiceContext, actor: Actor, productKey: string, input: TAskQuestionRequest): Promise<TQuestion> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'question.ask');
  let item: ItemRow | null = null;
  if (input.itemKey) {
    item =
      (await ctx.db
        .selectFrom('items')
        .selectAll()
        .where('key', '=', input.itemKey)
        .where('product_id', '=', product.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()) ?? null;
    if (!item) throw invalid('itemKey', `${input.itemKey} is not an item of ${product.key}`);
  }
  return writeQuestion(ctx, actor, product, item, input);
}

/**
 * Writes the question, counts it on its item, and tells whoever should answer it (the addressee,
 * or the product's owners) and anyone it mentions.
 */
async function writeQuestion(
  ctx: ServiceContext,
  actor: Actor,
  product: ProductRow,
  item: ItemRow | null,
  input: { body: string; addresseeId?: number },
): Promise<TQuestion> {
  const addressee = input.addresseeId !== undefined ? await requireAnswerer(ctx.db, product, input.addresseeId) : null;
  const mentioned = await resolveMentions(ctx.db, product, input.body, 'body');
  const where = item ? item.key : product.key;
  const link = item ? `/p/${product.key}/items/${item.key}` : `/p/${product.key}/questions`;
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row = await tx.db
      .insertInto('questions')
      .values({
        product_id: product.id,
        item_id: item?.id ?? null,
        asker_id: actor.userId,
        addressee_id: addressee?.id ?? null,
        body: input.body,
        state: 'open',
        created_at: now,
        answer: null,
        answered_by: null,
        answered_at: null,
        decision_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (item)
      await tx.db
        .updateTable('items')
        .set((eb) => ({ open_questions: eb('open_questions', '+', 1) }))
        .where('id', '=', item.id)
        .execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'question',
      entityId: row.id,
      itemId: item?.id ?? null,
      action: 'created',
      after: { body: input.body, addressee: addressee ? { id: addressee.id, name: addressee.name } : null },
    });
    const askedOf = addressee ? [addressee.id] : await productOwnerIds(tx.db, product.id);
    await notify(tx, {
      kind: 'question_asked',
      recipientIds: askedOf,
      productId: product.id,
      actorId: actor.userId,
      title: addressee ? `${actor.name} asked you a question on ${where}` : `${actor.name} asked a question on ${where}`,
      body: clip(input.body),
      link,
      entity: { type: 'question', id: row.id },
    });
    await notifyMentions(tx, {
      product,
      actor,
      mentioned,
      except: askedOf,
      where: `in a question on ${where}`,
      text: input.body,
      link,
      entity: { type: 'question', id: row.id },
    });
    return presentQuestion(await questionQuery(tx.db).where('q.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

/** A member who can answer questions: an owner or lead, a developer or QA; stakeholders and viewers cannot. */
async function requireAnswerer(db: Conn, product: ProductRow, userId: number) {
  const member = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'memberships.role', 'users.disabled_at'])
    .where('memberships.product_id', '=', product.id)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (!member || member.disabled_at) throw invalid('addresseeId', `user ${userId} is not a member of ${product.key}`);
  const role = member.role as Role;
  if (!can(role, 'question.reply') && !can(role, 'question.answer'))
    throw invalid(
      'addresseeId',
      `${member.name} is a ${role} of ${product.key} and cannot answer questions; ask an owner, a developer or QA`,
    );
  return member;
}

/** A question with the caller's access to its product (404 without a role on it). */
export async function requireQuestion(ctx: ServiceContext, actor: Actor, id: number) {
  const row = await questionQuery(ctx.db).where('q.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Question ${id}`);
  const access = await requireProduct(ctx.db, actor, { id: row.product_id }, 'product.read').catch((e) => {
    if (e?.code === 'not_found') throw notFound(`Question ${id}`);
    throw e;
  });
  return { question: row, ...access };
}
