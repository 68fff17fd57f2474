import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { createApiToken, createUser, deleteSession, getMe, listApiTokens, requireAdmin, revokeApiToken } from '../../services/users.js';
import { completeSetup, needsSetup } from '../../services/auth/setup.js';
import { signIn } from '../../services/auth/sign-in.js';
import { signInSucceeded, throttleSignIn, type LoginLimits } from '../../services/auth/login-throttle.js';
import { listAccounts } from '../../services/accounts/manage-accounts.js';
import { assertSameOrigin, authenticate, SESSION_COOKIE } from '../auth.js';
import { AppError } from '../../domain/errors.js';
import { RateLimiter } from '../rate-limit.js';
import { routes, type Route } from '../route.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function authRoutes(
  ctx: ServiceContext,
  opts: { secureCookies: boolean; loginLimits: LoginLimits; setupLimiter: RateLimiter },
): Route[] {
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies || req.protocol === 'https',
      expires,
    });

  return [
    ...routes(endpoints.auth, {
      async login({ body, req, reply }) {
        assertSameOrigin(req);
        const who = { ip: req.ip, email: body.email };
        await throttleSignIn(ctx, who, opts.loginLimits);
        const { session, me } = await signIn(ctx, { ...body, userAgent: req.headers['user-agent'] });
        await signInSucceeded(ctx, who);
        setCookie(req, reply, session.token, session.expiresAt);
        return me;
      },
      async logout({ req, reply }) {
        const token = req.cookies?.[SESSION_COOKIE];
        if (token) {
          assertSameOrigin(req);
          await deleteSession(ctx, token);
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
      me: ({ actor }) => getMe(ctx, actor),
      session: async ({ req }) => {
        const actor = await authenticate(ctx, req).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'unauthenticated') return null;
          throw e;
        });
        return { user: actor ? await getMe(ctx, actor) : null };
      },
      setupStatus: async () => ({ needsSetup: await needsSetup(ctx) }),
      async setup({ body, req, reply }) {
        assertSameOrigin(req);
        opts.setupLimiter.hit(`setup|${req.ip}`);
        const { session, me } = await completeSetup(ctx, body);
        setCookie(req, reply, session.token, session.expiresAt);
        return me;
      },
    }),
    ...routes(endpoints.tokens, {
      list: async ({ actor }) => ({ items: await listApiTokens(ctx, actor), nextCursor: null }),
      create: ({ actor, body }) => createApiToken(ctx, actor, body.name),
      revoke: async ({ actor, params }) => {
        await revokeApiToken(ctx, actor, params.id);
      },
    }),
    ...routes(endpoints.users, {
      list: async ({ actor }) => ({ items: await listAccounts(ctx, actor), nextCursor: null }),
      create: ({ actor, body }) => {
        requireAdmin(actor);
        return createUser(ctx, body);
      },
    }),
  ];
}
