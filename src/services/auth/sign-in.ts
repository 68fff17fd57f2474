import type { TMe } from '../../contract/auth.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { checkCredentials, createSession, getMe } from '../users.js';

/** A new session: the secret for the cookie, when it ends, and who it is for. */
export interface SignedIn {
  session: { token: string; expiresAt: Date };
  me: TMe;
}

/** Signs in with an email and password: 401 "Wrong email or password" unless they match a user. */
export async function signIn(ctx: ServiceContext, input: { email: string; password: string; userAgent?: string }): Promise<SignedIn> {
  const user = await checkCredentials(ctx, input.email, input.password);
  if (!user) throw new AppError('unauthenticated', 'Wrong email or password');
  const session = await createSession(ctx, user.id, input.userAgent);
  return { session, me: await getMe(ctx, { userId: user.id, name: user.name, isAdmin: !!user.is_admin }) };
}
