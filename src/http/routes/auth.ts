import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createApiToken,
  createUser,
  deleteSession,
  getMe,
  listApiTokens,
  listUsers,
  requireAdmin,
  revokeApiToken,
} from '../../services/users.js';
import { completeSetup, needsSetup } from '../../services/auth/setup.js';
import { signIn } from '../../services/auth/sign-in.js';
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
        const { session, me } = await signIn(ctx, body);
        opts.loginLimiter.reset(key);
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
      setupStatus: async () => ({ needsSetup: await needsSetup(ctx) }),
      async setup({ body, req, reply }) {
        assertSameOrigin(req);
        opts.loginLimiter.hit(`setup|${req.ip}`);
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
      list: async () => ({ items: await listUsers(ctx), nextCursor: null }),
      create: ({ actor, body }) => {
        requireAdmin(actor);
        return createUser(ctx, body);
      },
    }),
  ];
}
