import { createHash, randomBytes } from 'node:crypto';
import type { Conn, UserRow } from '../db/schema.js';
import { refuseDuplicate } from '../db/errors.js';
import { AppError, forbidden, invalid, notFound } from '../domain/errors.js';
import { nowIso, type Actor, type ServiceContext } from './context.js';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { TMe } from '../contract/auth.js';
import type { Role } from '../domain/roles.js';
import { accessChanged } from './access-changed.js';
import { notBeingBuilt } from './demo-in-progress.js';
import { endCredentials } from './accounts/credentials.js';
import { compiledQuery } from '../db/compiled-query.js';

export function presentUser(u: Pick<UserRow, 'id' | 'email' | 'name' | 'is_admin' | 'created_at'>) {
  return { id: u.id, email: u.email, name: u.name, isAdmin: !!u.is_admin, createdAt: u.created_at };
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(ctx: ServiceContext, input: { email: string; name: string; password: string; isAdmin?: boolean }) {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('email', 'must be an email address');
  if (input.password.length < 8) throw invalid('password', 'must be at least 8 characters');
  const existing = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing)
    throw new AppError('conflict', `A user with email ${email} already exists`, { fields: [{ path: 'email', message: 'is taken' }] });
  const row = await refuseDuplicate(
    ctx.db
      .insertInto('users')
      .values({
        email,
        name: input.name.trim(),
        password_hash: await hashPassword(input.password),
        is_admin: input.isAdmin ? 1 : 0,
        created_at: nowIso(ctx),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
    () => new AppError('conflict', `A user with email ${email} already exists`, { fields: [{ path: 'email', message: 'is taken' }] }),
  );
  return presentUser(row);
}

export async function listUsers(ctx: ServiceContext) {
  const rows = await ctx.db.selectFrom('users').selectAll().where('disabled_at', 'is', null).where(notBeingBuilt).orderBy('name').execute();
  return rows.map(presentUser);
}

export async function countUsers(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active admins: while there are none, first-run setup stays open (auth/setup.ts). */
export async function countAdmins(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', 1)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function resetPassword(ctx: ServiceContext, input: { email: string; password: string }) {
  if (input.password.length < 8) throw invalid('password', 'must be at least 8 characters');
  const email = normaliseEmail(input.email);
  const result = await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.password) })
    .where('email', '=', email)
    .returning('id')
    .executeTakeFirst();
  if (!result) throw notFound(`User ${email}`);
  // A new password ends every session of the old one and revokes the tokens made under it; open streams close at once.
  await endCredentials(ctx, result.id, { at: nowIso(ctx), revokeTokens: true });
}

/**
 * The user an email and password belong to, or null. The same time is spent whether or not the
 * email exists. (Requests are authenticated in src/http/auth.ts; this only checks credentials.)
 */
export async function checkCredentials(ctx: ServiceContext, email: string, password: string): Promise<UserRow | null> {
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!ok || !user) return null;
  if (needsRehash(user.password_hash)) {
    // Hashes made at an older, cheaper cost are replaced while the password is at hand; only if
    // unchanged meanwhile, so a reset that raced this sign-in is not undone.
    await ctx.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .where('password_hash', '=', user.password_hash)
      .execute();
  }
  return user;
}

// ---- sessions and API tokens: only hashes are stored ----

const SESSION_DAYS = 30;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The stored id of a session: the hash of its cookie, so the database never holds a live cookie. */
export const sessionIdOf = (token: string) => sha256(token);

export async function createSession(ctx: ServiceContext, userId: number, userAgent?: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: userAgent ? userAgent.replaceAll('\u0000', '').slice(0, 300) : null,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

export async function deleteSession(ctx: ServiceContext, token: string) {
  const ended = await ctx.db.deleteFrom('sessions').where('id', '=', sha256(token)).returning('user_id').executeTakeFirst();
  // The streams opened with this session close now rather than at their next heartbeat.
  if (ended) await accessChanged(ctx, [ended.user_id]);
}

export async function actorFromSession(ctx: ServiceContext, token: string): Promise<Actor | null> {
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.is_admin', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', sha256(token))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  const now = nowIso(ctx);
  if (!row || row.expires_at <= now) return null;
  // For the Profile page's list of sessions; written at most once a minute, like a token's last use.
  if (!row.last_seen_at || row.last_seen_at.slice(0, 16) !== now.slice(0, 16)) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sha256(token)).execute();
  }
  return { userId: row.id, name: row.name, isAdmin: !!row.is_admin };
}

/**
 * Every request with an API token runs this lookup, so it is compiled once (src/db/compiled-query.ts).
 * It is not cached: a revoked token or a deactivated account is refused at the next request, in
 * every process.
 */
const tokenOwner = compiledQuery((db, args: { hash: string }) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.name', 'users.is_admin', 'api_tokens.id as tokenId', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', args.hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null),
);

export async function actorFromToken(ctx: ServiceContext, token: string): Promise<Actor | null> {
  const [row] = await tokenOwner(ctx.db, { hash: sha256(token) });
  if (!row) return null;
  const now = nowIso(ctx);
  // Recorded at most once a minute, so token-authenticated reads do not each write.
  if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
    await ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  return { userId: row.id, name: row.name, isAdmin: !!row.is_admin };
}

function presentToken(t: { id: number; name: string; prefix: string; created_at: string; last_used_at: string | null }) {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at, lastUsedAt: t.last_used_at };
}

/** Creates a personal API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(ctx: ServiceContext, actor: Actor, name: string) {
  const token = `ordo_${randomBytes(24).toString('base64url')}`;
  const row = await ctx.db
    .insertInto('api_tokens')
    .values({ user_id: actor.userId, name, token_hash: sha256(token), prefix: token.slice(0, 10), created_at: nowIso(ctx) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...presentToken(row), token };
}

export async function listApiTokens(ctx: ServiceContext, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(presentToken);
}

export async function revokeApiToken(ctx: ServiceContext, actor: Actor, id: number) {
  const row = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso(ctx) })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Token');
  await accessChanged(ctx, [actor.userId]);
}

export async function getMe(ctx: ServiceContext, actor: Actor): Promise<TMe> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const products = actor.isAdmin
    ? (
        await ctx.db
          .selectFrom('products')
          .select(['key', 'name'])
          .where('archived_at', 'is', null)
          // a product `ordo demo` is still building is its own people's only (src/cli/demo-builds.ts)
          .where('building_since', 'is', null)
          .orderBy('name')
          .execute()
      ).map((p) => ({
        ...p,
        role: 'admin' as const,
      }))
    : await ctx.db
        .selectFrom('memberships')
        .innerJoin('products', 'products.id', 'memberships.product_id')
        .select(['products.key', 'products.name', 'memberships.role'])
        .where('memberships.user_id', '=', actor.userId)
        .where('products.archived_at', 'is', null)
        .orderBy('products.name')
        .execute();
  return { ...presentUser(user), products: products.map((p) => ({ ...p, role: p.role as Role })) };
}

export function requireAdmin(actor: Actor) {
  if (!actor.isAdmin) throw forbidden('Only an admin can do that');
}
