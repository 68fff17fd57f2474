import type { TMe } from '../../contract/auth.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, invalid } from '../../domain/errors.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { getMe } from '../users.js';
import { endCredentials } from './credentials.js';

const emailTaken = (email: string) =>
  new AppError('conflict', `Someone already signs in as ${email}`, { fields: [{ path: 'email', message: 'is taken by someone else' }] });

/** Changes the caller's name or e-mail; an e-mail another account has is refused with 409. */
export async function updateProfile(ctx: ServiceContext, actor: Actor, input: { name?: string; email?: string }): Promise<TMe> {
  const email = input.email?.trim().toLowerCase();
  try {
    await mutate(ctx, async (tx) => {
      if (email !== undefined) {
        const other = await tx.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', email)
          .where('id', '<>', actor.userId)
          .executeTakeFirst();
        if (other) throw emailTaken(email);
      }
      await tx.db
        .updateTable('users')
        .set({ ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(email !== undefined ? { email } : {}) })
        .where('id', '=', actor.userId)
        .execute();
    });
  } catch (e) {
    // Two people taking the same e-mail at once: the unique index decides, and the loser hears 409.
    if (email !== undefined && isUniqueViolation(e)) throw emailTaken(email);
    throw e;
  }
  return getMe(ctx, { ...actor, name: input.name?.trim() ?? actor.name });
}

/**
 * Changes the caller's password after checking the current one. Every other session ends (the one
 * making the change stays signed in); API tokens stay, as they are the caller's own and were not made
 * with the password.
 */
export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; currentSessionId?: string },
) {
  const user = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw invalid('currentPassword', 'is not your current password');
  const hash = await hashPassword(input.newPassword);
  await mutate(ctx, async (tx) => {
    await tx.db.updateTable('users').set({ password_hash: hash }).where('id', '=', actor.userId).execute();
    await endCredentials(tx, actor.userId, { at: nowIso(tx), keepSessionId: input.currentSessionId, revokeTokens: false });
  });
}
