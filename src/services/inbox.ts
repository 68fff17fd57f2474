import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TInbox, TInboxPageQuery } from '../contract/inbox.js';
import type { TQuestion } from '../contract/questions.js';
import type { TRequest } from '../contract/requests.js';
import type { Actor, ServiceContext } from './context.js';
import { notificationQuery, presentNotification } from './notifications/find-notifications.js';
import { presentQuestion, questionQuery } from './questions/present-question.js';
import { presentRequests, requestQuery } from './requests/present-request.js';

/** Roles of a membership that answer a product's questions and triage its requests. */
const OWNING_ROLES = ['owner', 'lead'];

/**
 * The products the person owns (as owner or lead), as a subquery: questions asked of nobody in
 * particular and new requests of these wait for them.
 */
const ownedProducts = (eb: ExpressionBuilder<Database, any>, userId: number) =>
  eb
    .selectFrom('memberships')
    .select('memberships.product_id')
    .where('memberships.user_id', '=', userId)
    .where('memberships.role', 'in', OWNING_ROLES);

/** Open questions waiting for the person: addressed to them, or to the owners of a product they own (not their own). */
function waitingQuestions(ctx: ServiceContext, userId: number) {
  return questionQuery(ctx.db)
    .where('q.state', '=', 'open')
    .where('q.asker_id', '!=', userId)
    .where((eb) =>
      eb.or([
        eb('q.addressee_id', '=', userId),
        eb.and([eb('q.addressee_id', 'is', null), eb('q.product_id', 'in', ownedProducts(eb, userId))]),
      ]),
    );
}

function countWaitingQuestions(ctx: ServiceContext, userId: number) {
  return ctx.db
    .selectFrom('questions as q')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('q.state', '=', 'open')
    .where('q.asker_id', '!=', userId)
    .where((eb) =>
      eb.or([
        eb('q.addressee_id', '=', userId),
        eb.and([eb('q.addressee_id', 'is', null), eb('q.product_id', 'in', ownedProducts(eb, userId))]),
      ]),
    )
    .executeTakeFirstOrThrow();
}

function requestsToTriage(ctx: ServiceContext, userId: number) {
  return requestQuery(ctx.db, userId)
    .where('r.state', '=', 'new')
    .where((eb) => eb('r.product_id', 'in', ownedProducts(eb, userId)));
}

function countRequestsToTriage(ctx: ServiceContext, userId: number) {
  return ctx.db
    .selectFrom('requests as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.state', '=', 'new')
    .where((eb) => eb('r.product_id', 'in', ownedProducts(eb, userId)))
    .executeTakeFirstOrThrow();
}

/** The signed-in person's inbox: the first `limit` of each section, and how many wait in each. */
export async function getInbox(ctx: ServiceContext, actor: Actor, limit: number): Promise<TInbox> {
  const me = actor.userId;
  const [questions, questionCount, requests, requestCount, mentions, mentionCount] = await Promise.all([
    waitingQuestions(ctx, me).orderBy('q.created_at').orderBy('q.id').limit(limit).execute(),
    countWaitingQuestions(ctx, me),
    requestsToTriage(ctx, me).orderBy('r.created_at').orderBy('r.id').limit(limit).execute(),
    countRequestsToTriage(ctx, me),
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
  const totals = [questionCount, requestCount, mentionCount].map((c) => Number(c.n));
  return {
    questions: { items: questions.map(presentQuestion), total: totals[0]! },
    requests: { items: await presentRequests(ctx.db, requests), total: totals[1]! },
    mentions: { items: mentions.map(presentNotification), total: totals[2]! },
    total: totals[0]! + totals[1]! + totals[2]!,
  };
}

/** Every question waiting for the person, the longest waiting first; the cursor is an offset. */
export async function findInboxQuestions(
  ctx: ServiceContext,
  actor: Actor,
  query: TInboxPageQuery,
): Promise<{ items: TQuestion[]; nextCursor: string | null; total: number }> {
  const offset = Number(query.cursor ?? 0);
  const [rows, count] = await Promise.all([
    waitingQuestions(ctx, actor.userId)
      .orderBy('q.created_at')
      .orderBy('q.id')
      .limit(query.limit + 1)
      .offset(offset)
      .execute(),
    countWaitingQuestions(ctx, actor.userId),
  ]);
  const more = rows.length > query.limit;
  return {
    items: rows.slice(0, query.limit).map(presentQuestion),
    nextCursor: more ? String(offset + query.limit) : null,
    total: Number(count.n),
  };
}

/** Every new request on the products the person triages, the oldest first. */
export async function findInboxRequests(
  ctx: ServiceContext,
  actor: Actor,
  query: TInboxPageQuery,
): Promise<{ items: TRequest[]; nextCursor: string | null; total: number }> {
  const offset = Number(query.cursor ?? 0);
  const [rows, count] = await Promise.all([
    requestsToTriage(ctx, actor.userId)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .limit(query.limit + 1)
      .offset(offset)
      .execute(),
    countRequestsToTriage(ctx, actor.userId),
  ]);
  const more = rows.length > query.limit;
  return {
    items: await presentRequests(ctx.db, rows.slice(0, query.limit)),
    nextCursor: more ? String(offset + query.limit) : null,
    total: Number(count.n),
  };
}
