import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { countAdmins, createSession, createUser, getMe } from '../users.js';
import type { SignedIn } from './sign-in.js';

const SETUP_KEY = 'setup_token_hash';
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Setup is needed until an active admin exists: users made before it (`ordo demo` run first, or
 * `ordo user create` without --admin) cannot administer Ordo, so they do not close first-run setup.
 */
export async function needsSetup(ctx: ServiceContext): Promise<boolean> {
  return (await countAdmins(ctx.db)) === 0;
}

/**
 * On a fresh install (no admin yet) makes a one-time setup token, stores its hash and returns the
 * token for the server log; returns null once an admin exists.
 *
 * Several processes may start at once on one new database (behind a load balancer), each printing
 * a token of its own: the hashes are appended to one row in a single upsert, so no start fails on
 * the other's insert and every printed token works until one of them completes setup.
 */
export async function issueSetupToken(ctx: ServiceContext): Promise<string | null> {
  if (!(await needsSetup(ctx))) return null;
  const token = randomBytes(18).toString('base64url');
  const value = sha256(token).toString('hex');
  await ctx.db
    .insertInto('settings')
    .values({ key: SETUP_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`settings.value || ',' || excluded.value` }))
    .execute();
  return token;
}

/**
 * First-run setup: with the setup token from the server log, creates the first admin and signs
 * them in. 409 once Ordo is set up, 403 for a wrong token.
 */
export async function completeSetup(
  ctx: ServiceContext,
  input: { token: string; email: string; name: string; password: string },
): Promise<SignedIn> {
  if (!(await needsSetup(ctx))) throw new AppError('conflict', 'Ordo is already set up; sign in instead');
  const value = sha256(input.token).toString('hex');
  // Deleting the token row is the claim: of two concurrent setups only one can delete it.
  const user = await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .deleteFrom('settings')
      .where('key', '=', SETUP_KEY)
      // the row lists every process's token (issueSetupToken); hex hashes hold no LIKE wildcards
      .where(sql<string>`',' || value || ','`, 'like', `%,${value},%`)
      .returning('key')
      .executeTakeFirst();
    if (!claimed)
      throw new AppError('forbidden', 'The setup token is wrong; copy it from the server log', {
        fields: [{ path: 'token', message: 'is wrong' }],
      });
    return createUser({ ...ctx, db: trx }, { ...input, isAdmin: true });
  });
  const session = await createSession(ctx, user.id);
  return { session, me: await getMe(ctx, { userId: user.id, name: user.name, isAdmin: true }) };
}
