import { accessChanged } from '../access-changed.js';
import type { ServiceContext, TxContext } from '../context.js';

/**
 * Shuts every door a user holds open: deletes their sessions (all, or all but one) and revokes their
 * API tokens. Called in the transaction of a password reset or a deactivation, so the next request
 * with an old cookie or token is refused; the event streams they hold are told to check their access
 * at once (after the commit, in every process). Returns how many of each were ended.
 */
export async function endCredentials(
  ctx: ServiceContext | TxContext,
  userId: number,
  opts: { at: string; keepSessionId?: string; revokeTokens: boolean },
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const { db } = ctx;
  let sessions = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (opts.keepSessionId) sessions = sessions.where('id', '<>', opts.keepSessionId);
  const ended = await sessions.executeTakeFirst();
  let revoked = 0;
  if (opts.revokeTokens) {
    const r = await db
      .updateTable('api_tokens')
      .set({ revoked_at: opts.at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    revoked = Number(r.numUpdatedRows);
  }
  await accessChanged(ctx, [userId]);
  return { sessionsEnded: Number(ended.numDeletedRows), tokensRevoked: revoked };
}
