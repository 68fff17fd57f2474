import type { TQuestion, TQuestionListQuery, TQuestionPage } from '../../contract/questions.js';
import { requireItem, requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { presentQuestion, questionQuery } from './present-question.js';

/**
 * A product's open questions, the longest waiting first, or its answered ones, the latest answer
 * first; with how many there are and when the oldest open one was asked (for status updates and
 * the portfolio). The cursor is the offset of the next page.
 */
export async function findQuestions(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  query: TQuestionListQuery,
): Promise<TQuestionPage> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const offset = Number(query.cursor ?? 0);
  let page = questionQuery(ctx.db).where('q.product_id', '=', product.id).where('q.state', '=', query.state);
  page =
    query.state === 'open' ? page.orderBy('q.created_at').orderBy('q.id') : page.orderBy('q.answered_at', 'desc').orderBy('q.id', 'desc');
  const [rows, summary] = await Promise.all([
    page
      .limit(query.limit + 1)
      .offset(offset)
      .execute(),
    openQuestionSummary(ctx, product.id, query.state),
  ]);
  const more = rows.length > query.limit;
  return {
    items: rows.slice(0, query.limit).map(presentQuestion),
    nextCursor: more ? String(offset + query.limit) : null,
    total: summary.total,
    oldestOpenAt: summary.oldestOpenAt,
  };
}

/** How many questions of a state a product has, and when its oldest open one was asked. */
export async function openQuestionSummary(
  ctx: ServiceContext,
  productId: number,
  state: 'open' | 'answered' = 'open',
): Promise<{ total: number; oldestOpenAt: string | null }> {
  const [count, oldest] = await Promise.all([
    ctx.db
      .selectFrom('questions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .where('state', '=', state)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('questions')
      .select('created_at')
      .where('product_id', '=', productId)
      .where('state', '=', 'open')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { total: Number(count.n), oldestOpenAt: oldest?.created_at ?? null };
}

/** An item's questions: open ones first (oldest first), then answered ones (latest first). */
export async function findItemQuestions(ctx: ServiceContext, actor: Actor, itemKey: string): Promise<TQuestion[]> {
  const { item } = await requireItem(ctx.db, actor, itemKey, 'product.read');
  const rows = await questionQuery(ctx.db).where('q.item_id', '=', item.id).orderBy('q.id').execute();
  const open = rows.filter((r) => r.state === 'open');
  const answered = rows.filter((r) => r.state !== 'open').reverse();
  return [...open, ...answered].map(presentQuestion);
}
