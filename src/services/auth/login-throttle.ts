import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';

/**
 * How many sign-ins may fail in a window before the next is refused with 429:
 * - `pair`: one address guessing one account's password;
 * - `email`: one account guessed from many addresses (a botnet), kept above `pair` so its owner
 *   signing in from a new address is not the first one shut out;
 * - `ip`: one address trying many accounts (password spraying), high because an office shares one address.
 */
export interface LoginLimits {
  pair: number;
  email: number;
  ip: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { pair: 10, email: 20, ip: 100, windowMs: 15 * 60_000 };

/** One sweep of expired windows every this many attempts in a process, so the table stays small without a timer. */
const SWEEP_EVERY = 200;
let attempts = 0;

const keysOf = (ip: string, email: string) => {
  // Escaped so a NUL or a control character in what was typed cannot reach PostgreSQL as text.
  const e = encodeURIComponent(email.trim().toLowerCase().slice(0, 320));
  const i = encodeURIComponent(ip);
  return { pair: `pair:${i}|${e}`, email: `email:${e}`, ip: `ip:${i}` };
};

/**
 * Counts a sign-in attempt against its address, its e-mail and the two together, and refuses it
 * (429 with `retryAfter` seconds) when any of them is over its limit. Counted before the password is
 * checked, in one statement on the database, so concurrent guesses and every `ordo serve` sharing
 * the database count together. A success gives the attempt back (`signInSucceeded`).
 */
export async function throttleSignIn(ctx: ServiceContext, input: { ip: string; email: string }, limits: LoginLimits): Promise<void> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const resetAt = new Date(now.getTime() + limits.windowMs).toISOString();
  const keys = keysOf(input.ip, input.email);
  // Sorted, so two processes upserting the same keys lock them in one order on PostgreSQL.
  const values = Object.values(keys)
    .sort()
    .map((key) => ({ key, count: 1, reset_at: resetAt }));
  const rows = await ctx.db
    .insertInto('login_throttle')
    .values(values)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`CASE WHEN login_throttle.reset_at <= ${nowIso} THEN 1 ELSE login_throttle.count + 1 END`,
        reset_at: sql<string>`CASE WHEN login_throttle.reset_at <= ${nowIso} THEN ${resetAt} ELSE login_throttle.reset_at END`,
      }),
    )
    .returning(['key', 'count', 'reset_at'])
    .execute();
  if (++attempts % SWEEP_EVERY === 0) await ctx.db.deleteFrom('login_throttle').where('reset_at', '<=', nowIso).execute();

  let waitMs = 0;
  for (const row of rows) {
    const scope = row.key === keys.pair ? 'pair' : row.key === keys.email ? 'email' : 'ip';
    if (row.count > limits[scope]) waitMs = Math.max(waitMs, Date.parse(row.reset_at) - now.getTime());
  }
  if (waitMs > 0) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError('rate_limited', `Too many sign-in attempts; try again in ${seconds} s`, { retryAfter: seconds });
  }
}

/**
 * After a successful sign-in: the account's and the pair's failures are forgotten, and the address
 * gets its attempt back, so colleagues signing in behind one address never add up to a lock-out
 * while an address that fails against many accounts still does.
 */
export async function signInSucceeded(ctx: ServiceContext, input: { ip: string; email: string }): Promise<void> {
  const keys = keysOf(input.ip, input.email);
  await ctx.db.deleteFrom('login_throttle').where('key', 'in', [keys.pair, keys.email]).execute();
  await ctx.db
    .updateTable('login_throttle')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('key', '=', keys.ip)
    .where('count', '>', 0)
    .execute();
}
