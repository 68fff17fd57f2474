import type { TInbox, TInboxPageQuery } from '../contract/inbox.js';
import type { TQuestion } from '../contract/questions.js';
import type { TRequest } from '../contract/requests.js';
import type { Actor, ServiceContext } from './context.js';
import { notificationQuery, presentNotification } from './notifications/find-notifications.js';
import { presentQuestion, questionQuery } from './questions/present-question.js';
import { presentRequests, requestQuery } from './requests/present-request.js';

/** Roles of a membership that answer a product's questions and triage its requests. */
const OWNING_ROLES = ['owner', 'lead'];

/** The products the person owns (as owner or lead): questions to their owners and new requests of these wait for them. */
async function ownedProducts(ctx: ServiceContext, userId: number): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('memberships')
    .select('product_id')
    .where('user_id', '=', userId)
    .where('role', 'in', OWNING_ROLES)
    .execute();
  return rows.map((r) => r.product_id);
}

type Waiting = { id: number; created_at: string };
const byAge = (a: Waiting, b: Waiting) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id);

/**
 * The ids of the first `take` things waiting, oldest first, gathered from one walk along a
 * partial index per source (questions addressed to the person; each owned product's questions to
 * its owners) rather than one query that would sort every open question of every product.
 */
async function firstWaiting(sources: Array<Promise<Waiting[]>>, take: number, offset: number): Promise<number[]> {
  const all = (await Promise.all(sources)).flat().sort(byAge);
  return all.slice(offset, offset + take).map((w) => w.id);
}

function questionSources(ctx: ServiceContext, userId: number, owned: number[], take: number): Array<Promise<Waiting[]>> {
  const open = () =>
    ctx.db
      .selectFrom('questions')
      .select(['id', 'created_at'])
      .where('state', '=', 'open')
      .where('asker_id', '!=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(take);
  return [
    open().where('addressee_id', '=', userId).execute(),
    ...owned.map((productId) => open().where('product_id', '=', productId).where('addressee_id', 'is', null).execute()),
  ];
}

function requestSources(ctx: ServiceContext, owned: number[], take: number): Array<Promise<Waiting[]>> {
  return owned.map((productId) =>
    ctx.db
      .selectFrom('requests')
      .select(['id', 'created_at'])
      .where('product_id', '=', productId)
      .where('state', '=', 'new')
      .orderBy('created_at')
      .orderBy('id')
      .limit(take)
      .execute(),
  );
}

async function countWaitingQuestions(ctx: ServiceContext, userId: number, owned: number[]): Promise<number> {
  const row = await ctx.db
    .selectFrom('questions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'open')
    .where('asker_id', '!=', userId)
    .where((eb) =>
      eb.or([
        eb('addressee_id', '=', userId),
        ...(owned.length ? [eb.and([eb('addressee_id', 'is', null), eb('product_id', 'in', owned)])] : []),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countRequestsToTriage(ctx: ServiceContext, owned: number[]): Promise<number> {
  if (owned.length === 0) return 0;
  const row = await ctx.db
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'new')
    .where('product_id', 'in', owned)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function loadQuestions(ctx: ServiceContext, ids: number[]): Promise<TQuestion[]> {
  if (ids.length === 0) return [];
  const rows = await questionQuery(ctx.db).where('q.id', 'in', ids).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(presentQuestion);
}

async function loadRequests(ctx: ServiceContext, userId: number, ids: number[]): Promise<TRequest[]> {
  if (ids.length === 0) return [];
  const rows = await requestQuery(ctx.db, userId).where('r.id', 'in', ids).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return presentRequests(
    ctx.db,
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!),
  );
}

/** The signed-in person's inbox: the first `limit` of each section, and how many wait in each. */
export async function getInbox(ctx: ServiceContext, actor: Actor, limit: number): Promise<TInbox> {
  const me = actor.userId;
  const owned = await ownedProducts(ctx, me);
  const [questionIds, questionCount, requestIds, requestCount, mentions, mentionCount] = await Promise.all([
    firstWaiting(questionSources(ctx, me, owned, limit), limit, 0),
    countWaitingQuestions(ctx, me, owned),
    firstWaiting(requestSources(ctx, owned, limit), limit, 0),
    countRequestsToTriage(ctx, owned),
    notificationQuery(ctx.db)
      .where('n.user_id', '=', me)
      .where('n.kind', '=', 'mention')
      .where('n.read_at', 'is', null)
      .orderBy('n.seq', 'desc')
      .limit(limit)
      .execute(),
    ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', me)
      .where('kind', '=', 'mention')
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const [questions, requests] = await Promise.all([loadQuestions(ctx, questionIds), loadRequests(ctx, me, requestIds)]);
  const mentionTotal = Number(mentionCount.n);
  return {
    questions: { items: questions, total: questionCount },
    requests: { items: requests, total: requestCount },
    mentions: { items: mentions.map(presentNotification), total: mentionTotal },
    total: questionCount + requestCount + mentionTotal,
  };
}

/** Every question waiting for the person, the longest waiting first; the cursor is an offset. */
export async function findInboxQuestions(
  ctx: ServiceContext,
  actor: Actor,
  query: TInboxPageQuery,
): Promise<{ items: TQuestion[]; nextCursor: string | null; total: number }> {
  const offset = Number(query.cursor ?? 0);
  const owned = await ownedProducts(ctx, actor.userId);
  const [ids, total] = await Promise.all([
    firstWaiting(questionSources(ctx, actor.userId, owned, offset + query.limit + 1), query.limit + 1, offset),
    countWaitingQuestions(ctx, actor.userId, owned),
  ]);
  const more = ids.length > query.limit;
  return { items: await loadQuestions(ctx, ids.slice(0, query.limit)), nextCursor: more ? String(offset + query.limit) : null, total };
}

/** Every new request on the products the person triages, the oldest first. */
export async function findInboxRequests(
  ctx: ServiceContext,
  actor: Actor,
  query: TInboxPageQuery,
): Promise<{ items: TRequest[]; nextCursor: string | null; total: number }> {
  const offset = Number(query.cursor ?? 0);
  const owned = await ownedProducts(ctx, actor.userId);
  const [ids, total] = await Promise.all([
    firstWaiting(requestSources(ctx, owned, offset + query.limit + 1), query.limit + 1, offset),
    countRequestsToTriage(ctx, owned),
  ]);
  const more = ids.length > query.limit;
  return {
    items: await loadRequests(ctx, actor.userId, ids.slice(0, query.limit)),
    nextCursor: more ? String(offset + query.limit) : null,
    total,
  };
}
