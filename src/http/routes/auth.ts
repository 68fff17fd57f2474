import { z } from 'zod';
import { ZCreatedToken, ZCreateTokenRequest, ZApiToken, ZLoginRequest, ZMe, ZSetupRequest, ZSetupStatus, ZCreateUserRequest, ZUser } from '../../contract/auth.js';
import { ZId } from '../../contract/common.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.js';
import {
  authenticate as checkPassword,
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
import type { RouteDef } from '../route.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function authRoutes(ctx: ServiceContext, opts: { secureCookies: boolean; loginLimiter: RateLimiter }): RouteDef[] {
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies || req.protocol === 'https',
      expires,
    });

  return [
    {
      method: 'POST',
      url: '/api/auth/login',
      tag: 'auth',
      summary: 'Sign in with email and password; sets the HttpOnly session cookie',
      auth: 'public',
      body: ZLoginRequest,
      response: ZMe,
      errors: [400, 401, 429],
      async handler({ body, req, reply }) {
        assertSameOrigin(req);
        const key = `${req.ip}|${body.email.toLowerCase()}`;
        opts.loginLimiter.hit(key);
        const user = await checkPassword(ctx, body.email, body.password);
        if (!user) throw new AppError('unauthenticated', 'Wrong email or password');
        opts.loginLimiter.reset(key);
        const session = await createSession(ctx, user.id);
        setCookie(req, reply, session.token, session.expiresAt);
        return getMe(ctx, { userId: user.id, name: user.name, isAdmin: !!user.is_admin });
      },
    },
    {
      method: 'POST',
      url: '/api/auth/logout',
      tag: 'auth',
      summary: 'Sign out: ends the session and clears its cookie',
      auth: 'public',
      async handler({ req, reply }) {
        const token = req.cookies?.[SESSION_COOKIE];
        if (token) {
          assertSameOrigin(req);
          await deleteSession(ctx, token);
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
    },
    {
      method: 'GET',
      url: '/api/me',
      tag: 'auth',
      summary: 'The signed-in user and the products they have a role on',
      response: ZMe,
      errors: [401],
      handler: ({ actor }) => getMe(ctx, actor),
    },
    {
      method: 'GET',
      url: '/api/setup',
      tag: 'auth',
      summary: 'Whether this install still needs its first admin',
      auth: 'public',
      response: ZSetupStatus,
      handler: async () => ({ needsSetup: await needsSetup(ctx) }),
    },
    {
      method: 'POST',
      url: '/api/setup',
      tag: 'auth',
      summary: 'Create the first admin with the one-time token printed in the server log; signs them in',
      auth: 'public',
      body: ZSetupRequest,
      response: ZMe,
      status: 201,
      errors: [400, 403, 409],
      async handler({ body, req, reply }) {
        assertSameOrigin(req);
        opts.loginLimiter.hit(`setup|${req.ip}`);
        const user = await completeSetup(ctx, body);
        const session = await createSession(ctx, user.id);
        setCookie(req, reply, session.token, session.expiresAt);
        return getMe(ctx, { userId: user.id, name: user.name, isAdmin: true });
      },
    },
    {
      method: 'GET',
      url: '/api/tokens',
      tag: 'auth',
      summary: 'Your personal API tokens (never their secrets)',
      response: z.object({ items: z.array(ZApiToken), nextCursor: z.null() }),
      handler: async ({ actor }) => ({ items: await listApiTokens(ctx, actor), nextCursor: null }),
    },
    {
      method: 'POST',
      url: '/api/tokens',
      tag: 'auth',
      summary: 'Create a personal API token; the secret is shown this once. Use it as `Authorization: Bearer <token>`',
      body: ZCreateTokenRequest,
      response: ZCreatedToken,
      status: 201,
      handler: ({ actor, body }) => createApiToken(ctx, actor, body.name),
    },
    {
      method: 'DELETE',
      url: '/api/tokens/:id',
      tag: 'auth',
      summary: 'Revoke one of your API tokens',
      params: z.object({ id: ZId }),
      errors: [404],
      handler: async ({ actor, params }) => {
        await revokeApiToken(ctx, actor, params.id);
      },
    },
    {
      method: 'GET',
      url: '/api/users',
      tag: 'users',
      summary: 'Every active user (to add members and assign items)',
      response: z.object({ items: z.array(ZUser), nextCursor: z.null() }),
      handler: async () => ({ items: await listUsers(ctx), nextCursor: null }),
    },
    {
      method: 'POST',
      url: '/api/users',
      tag: 'users',
      summary: 'Create a user (admins only)',
      body: ZCreateUserRequest,
      response: ZUser,
      status: 201,
      errors: [400, 403, 409],
      handler: ({ actor, body }) => {
        requireAdmin(actor);
        return createUser(ctx, body);
      },
    },
  ];
}
