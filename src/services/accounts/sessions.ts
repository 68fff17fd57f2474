import type { TSession } from '../../contract/accounts.js';
import { notFound } from '../../domain/errors.js';
import { accessChanged } from '../access-changed.js';
import { nowIso, type Actor, type ServiceContext } from '../context.js';

/** Where the caller is signed in, newest first; `currentSessionId` marks the one asking. */
export async function listSessions(ctx: ServiceContext, actor: Actor, currentSessionId?: string): Promise<TSession[]> {
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent'])
    .where('user_id', '=', actor.userId)
    .where('expires_at', '>', nowIso(ctx))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    userAgent: r.user_agent,
    current: r.id === currentSessionId,
  }));
}

/** Signs one of the caller's own sessions out; another person's session is not found. */
export async function endSession(ctx: ServiceContext, actor: Actor, sessionId: string) {
  const r = await ctx.db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', actor.userId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('Session');
  // A stream opened with that session closes now, not at its next heartbeat.
  await accessChanged(ctx, [actor.userId]);
}
