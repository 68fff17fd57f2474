import { randomInt } from 'node:crypto';
import type { TAccount } from '../../contract/auth.js';
import type { UserRow } from '../../db/schema.js';
import { lockAdminRows } from '../../db/locks.js';
import { AppError, notFound } from '../../domain/errors.js';
import { mutate, nowIso, type Actor, type ServiceContext, type TxContext } from '../context.js';
import { hashPassword } from '../passwords.js';
import { presentUser, requireAdmin } from '../users.js';
import { accessChanged } from '../access-changed.js';
import { recordAccountEvent } from './account-events.js';
import { notBeingBuilt } from '../demo-in-progress.js';
import { endCredentials } from './credentials.js';

export function presentAccount(u: UserRow): TAccount {
  return { ...presentUser(u), deactivatedAt: u.disabled_at };
}

/** Every account, deactivated ones included, for the People page (admins only). */
export async function listAccounts(ctx: ServiceContext, actor: Actor): Promise<TAccount[]> {
  requireAdmin(actor);
  const rows = await ctx.db.selectFrom('users').selectAll().where(notBeingBuilt).orderBy('name').orderBy('id').execute();
  return rows.map(presentAccount);
}

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password to hand over: 4 groups of 4 (about 79 bits), easy to type and to read out. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

async function loadUser(tx: TxContext, id: number): Promise<UserRow> {
  const user = await tx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound(`User ${id}`);
  return user;
}

/**
 * Gives a user a generated password, returned this once: every session of theirs ends and every API
 * token of theirs is revoked in the same transaction, so whoever held the old password or a token
 * made with it is out at once (admins only).
 */
export async function resetUserPassword(ctx: ServiceContext, actor: Actor, userId: number) {
  requireAdmin(actor);
  const password = generatePassword();
  const hash = await hashPassword(password);
  return mutate(ctx, async (tx) => {
    const at = nowIso(tx);
    await loadUser(tx, userId);
    await tx.db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    const ended = await endCredentials(tx, userId, { at, revokeTokens: true });
    await recordAccountEvent(tx.db, { userId, actorId: actor.userId, action: 'password_reset', at });
    return { password, ...ended };
  });
}

/**
 * Refuses a change that would leave the workspace without an active admin. On PostgreSQL the active
 * admins' rows are locked first, so two admins removing each other at once take turns and the
 * second sees the first's change (SQLite has one writer at a time).
 */
async function keepAnAdmin(tx: TxContext, leaving: UserRow, message: string) {
  if (!leaving.is_admin || leaving.disabled_at) return;
  const admins = await lockAdminRows(tx.db, tx.dialect);
  if (!admins.some((id) => id !== leaving.id)) throw new AppError('rule_violation', message);
}

/** Stops a user from signing in: their sessions end and their tokens are revoked; their name stays on history. */
export async function deactivateUser(ctx: ServiceContext, actor: Actor, userId: number): Promise<TAccount> {
  requireAdmin(actor);
  if (userId === actor.userId) throw new AppError('rule_violation', 'You cannot deactivate yourself; ask another admin');
  return mutate(ctx, async (tx) => {
    const at = nowIso(tx);
    const user = await loadUser(tx, userId);
    if (user.disabled_at) return presentAccount(user);
    await keepAnAdmin(tx, user, `${user.name} is the last active admin; make someone else an admin first`);
    const row = await tx.db.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();
    await endCredentials(tx, userId, { at, revokeTokens: true });
    await recordAccountEvent(tx.db, { userId, actorId: actor.userId, action: 'deactivated', at });
    return presentAccount(row);
  });
}

/** Lets a deactivated user sign in again with their password; tokens revoked at deactivation stay revoked. */
export async function reactivateUser(ctx: ServiceContext, actor: Actor, userId: number): Promise<TAccount> {
  requireAdmin(actor);
  return mutate(ctx, async (tx) => {
    const user = await loadUser(tx, userId);
    if (!user.disabled_at) return presentAccount(user);
    const row = await tx.db
      .updateTable('users')
      .set({ disabled_at: null })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccountEvent(tx.db, { userId, actorId: actor.userId, action: 'reactivated', at: nowIso(tx) });
    return presentAccount(row);
  });
}

/** Makes a user a workspace admin or removes it; never the last active admin. */
export async function setAdmin(ctx: ServiceContext, actor: Actor, userId: number, isAdmin: boolean): Promise<TAccount> {
  requireAdmin(actor);
  return mutate(ctx, async (tx) => {
    const user = await loadUser(tx, userId);
    if (!!user.is_admin === isAdmin) return presentAccount(user);
    if (!isAdmin) await keepAnAdmin(tx, user, `${user.name} is the last active admin; make someone else an admin first`);
    const row = await tx.db
      .updateTable('users')
      .set({ is_admin: isAdmin ? 1 : 0 })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccountEvent(tx.db, { userId, actorId: actor.userId, action: isAdmin ? 'admin_granted' : 'admin_revoked', at: nowIso(tx) });
    // A former admin's streams of products they are no member of close now.
    if (!isAdmin) await accessChanged(tx, [userId]);
    return presentAccount(row);
  });
}
