import type { TAccountAction } from '../../contract/accounts.js';
import type { Conn } from '../../db/schema.js';
import type { Actor, ServiceContext } from '../context.js';
import { requireAdmin } from '../users.js';

/**
 * Records an admin action on an account. The activity log belongs to products; these belong to the
 * workspace, so they have their own table, written in the same transaction as the change.
 */
export async function recordAccountEvent(db: Conn, e: { userId: number; actorId: number | null; action: TAccountAction; at: string }) {
  await db.insertInto('account_events').values({ user_id: e.userId, actor_id: e.actorId, action: e.action, created_at: e.at }).execute();
}

/** The latest 200 account events, newest first, optionally of one user (admins only). */
export async function listAccountEvents(ctx: ServiceContext, actor: Actor, filter: { userId?: number }) {
  requireAdmin(actor);
  let q = ctx.db
    .selectFrom('account_events as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.action', 'e.created_at', 'u.id as userId', 'u.name as userName', 'a.id as actorId', 'a.name as actorName'])
    .orderBy('e.id', 'desc')
    .limit(200);
  if (filter.userId !== undefined) q = q.where('e.user_id', '=', filter.userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action as TAccountAction,
    user: { id: r.userId, name: r.userName },
    actor: r.actorId !== null && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
    createdAt: r.created_at,
  }));
}
