import type { Conn } from '../db/schema.js';
import type { TComment } from '../contract/items.js';
import type { TCommentPage } from '../contract/item-parts.js';
import { forbidden, notFound } from '../domain/errors.js';
import { can } from '../domain/permissions.js';
import { requireChild, requireItem } from './access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from './context.js';
import { notifyMentions, resolveMentions } from './mentions.js';

function commentQuery(db: Conn) {
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.item_id',
      'comments.author_id',
      'comments.body',
      'comments.created_at',
      'comments.updated_at',
      'users.name as author_name',
    ])
    .where('comments.deleted_at', 'is', null);
}

type CommentQueryRow = Awaited<ReturnType<ReturnType<typeof commentQuery>['executeTakeFirstOrThrow']>>;

function presentComment(r: CommentQueryRow): TComment {
  return {
    id: r.id,
    author: { id: r.author_id, name: r.author_name },
    body: r.body,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** An item's comments, oldest first; the cursor is the id of the last comment read. */
export async function findComments(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; cursor?: string; limit: number },
): Promise<TCommentPage> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'product.read');
  let q = commentQuery(ctx.db).where('comments.item_id', '=', item.id);
  if (input.cursor) q = q.where('comments.id', '>', Number(input.cursor));
  const rows = await q
    .orderBy('comments.id')
    .limit(input.limit + 1)
    .execute();
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map(presentComment);
  return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
}

/** Adds a comment (Markdown, stored as written; the client renders it safely). */
export async function createComment(ctx: ServiceContext, actor: Actor, input: { key: string; body: string }): Promise<TComment> {
  const { item, product } = await requireItem(ctx.db, actor, input.key, 'comment.create');
  const mentioned = await resolveMentions(ctx.db, product, input.body, 'body');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const now = nowIso(tx);
    const row = await tx.db
      .insertInto('comments')
      .values({ item_id: item.id, author_id: actor.userId, body: input.body, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: item.product_id,
      actorId: actor.userId,
      entityType: 'comment',
      entityId: row.id,
      itemId: item.id,
      action: 'created',
      after: { body: input.body },
    });
    await notifyMentions(tx, {
      product,
      actor,
      mentioned,
      where: `in a comment on ${item.key}`,
      text: input.body,
      link: `/p/${product.key}/items/${item.key}`,
      entity: { type: 'comment', id: row.id },
    });
    return presentComment(await commentQuery(tx.db).where('comments.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

/** A live comment on a live item, with its author's name and the actor's role on its product (404 without one). */
async function requireComment(db: Conn, actor: Actor, id: number, action: 'comment.create' | 'product.read') {
  const { product, role } = await requireChild(db, actor, { table: 'comments', id }, action);
  const comment = await commentQuery(db).where('comments.id', '=', id).executeTakeFirstOrThrow();
  const item = await db.selectFrom('items').select(['id', 'key']).where('id', '=', comment.item_id).executeTakeFirstOrThrow();
  return { product, role, comment, item };
}

/** Only a comment's author may change its words. */
export async function updateComment(ctx: ServiceContext, actor: Actor, input: { id: number; body: string }): Promise<TComment> {
  const { item, product, comment } = await requireComment(ctx.db, actor, input.id, 'comment.create');
  if (comment.author_id !== actor.userId) throw forbidden('Only its author can edit a comment');
  if (comment.body === input.body) return presentComment(comment);
  const mentioned = await resolveMentions(ctx.db, product, input.body, 'body');
  // Only people the edit adds are told; those mentioned before were told then.
  const before = new Set((await resolveMentions(ctx.db, product, comment.body, 'body').catch(() => [])).map((m) => m.id));
  return mutate(ctx, { productId: product.id }, async (tx) => {
    await tx.db
      .updateTable('comments')
      .set({ body: input.body, updated_at: nowIso(tx) })
      .where('id', '=', comment.id)
      .execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'comment',
      entityId: comment.id,
      itemId: comment.item_id,
      action: 'updated',
      before: { body: comment.body },
      after: { body: input.body },
    });
    await notifyMentions(tx, {
      product,
      actor,
      mentioned: mentioned.filter((m) => !before.has(m.id)),
      where: `in a comment on ${item.key}`,
      text: input.body,
      link: `/p/${product.key}/items/${item.key}`,
      entity: { type: 'comment', id: comment.id },
    });
    return presentComment(await commentQuery(tx.db).where('comments.id', '=', comment.id).executeTakeFirstOrThrow());
  });
}

/**
 * Removes a comment from the item (kept in the database and the audit trail). Its author may
 * remove it, and so may whoever may delete items (owners, leads, admins), to moderate.
 */
export async function deleteComment(ctx: ServiceContext, actor: Actor, input: { id: number }): Promise<void> {
  const { product, comment, role } = await requireComment(ctx.db, actor, input.id, 'product.read');
  const own = comment.author_id === actor.userId && can(role, 'comment.create');
  if (!own && !can(role, 'item.delete')) throw forbidden('Only its author or the product owner can delete a comment');
  await mutate(ctx, { productId: product.id }, async (tx) => {
    const gone = await tx.db
      .updateTable('comments')
      .set({ deleted_at: nowIso(tx) })
      .where('id', '=', comment.id)
      .where('deleted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!gone) throw notFound(`Comment ${comment.id}`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'comment',
      entityId: comment.id,
      itemId: comment.item_id,
      action: 'deleted',
      before: { body: comment.body, author: { id: comment.author_id, name: comment.author_name } },
    });
  });
}
