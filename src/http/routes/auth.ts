import { endpoints } from '../../contract/endpoints.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.js';
import {
  checkCredentials,
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  getMe,
  listApiTokens,
  listUsers,
  requireAdmin,
  revokeApiToken,
} from '../../services/users.js';
import { completeSetup, needsSetup } from '../../services/setup.js';
import { assertSameOrigin, SESSION_COOKIE } from '../auth.js';
import { RateLimiter } from '../rate-limit.js';
import { routes, type Route } from '../route.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function authRoutes(ctx: ServiceContext, opts: { secureCookies: boolean; loginLimiter: RateLimiter }): Route[] {
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
        const key = `${req.ip}|${body.email.toLowerCase()}`;
        opts.loginLimiter.hit(key);
        const user = await checkCredentials(ctx, body.email, body.password);
        if (!user) throw new AppError('unauthenticated', 'Wrong email or password');
        opts.loginLimiter.reset(key);
        const session = await createSession(ctx, user.id);
        setCookie(req, reply, session.token, session.expiresAt);
        return getMe(ctx, { userId: user.id, name: user.name, isAdmin: !!user.is_admin });
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
      setupStatus: async () => ({ needsSetup: await needsSetup(ctx) }),
      async setup({ body, req, reply }) {
        assertSameOrigin(req);
        opts.loginLimiter.hit(`setup|${req.ip}`);
        const user = await completeSetup(ctx, body);
        const session = await createSession(ctx, user.id);
        setCookie(req, reply, session.token, session.expiresAt);
        return getMe(ctx, { userId: user.id, name: user.name, isAdmin: true });
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
      list: async () => ({ items: await listUsers(ctx), nextCursor: null }),
      create: ({ actor, body }) => {
        requireAdmin(actor);
        return createUser(ctx, body);
      },
    }),
  ];
}
