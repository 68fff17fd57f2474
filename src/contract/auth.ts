import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { ZIdParams, ZText } from './common.js';

export const ZLoginRequest = z.strictObject({
  email: ZText.trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

export const ZUser = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

/** A user as an admin sees them on the People page: with their e-mail and whether they can sign in. */
export const ZAccount = ZUser.extend({ deactivatedAt: z.string().nullable() });
export type TAccount = z.infer<typeof ZAccount>;

export const ZMe = ZUser.extend({
  products: z.array(z.object({ key: z.string(), name: z.string(), role: z.enum(ROLES) })),
});
export type TMe = z.infer<typeof ZMe>;

/** Who is signed in, if anyone: the sign-in page asks this without making the browser log a 401. */
export const ZSignedIn = z.object({ user: ZMe.nullable() });
export type TSignedIn = z.infer<typeof ZSignedIn>;

export const ZSetupStatus = z.object({ needsSetup: z.boolean() });

export const ZSetupRequest = z.strictObject({
  token: z.string().min(1).max(200),
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(1000),
});

export const ZCreateTokenRequest = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ZApiToken = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ZCreatedToken = ZApiToken.extend({ token: z.string() });

export const ZCreateUserRequest = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(1000),
  isAdmin: z.boolean().optional(),
});

// ---- endpoints ----

export const authEndpoints = {
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password; sets the HttpOnly session cookie',
    auth: 'public',
    body: ZLoginRequest,
    response: ZMe,
    errors: [400, 401, 429],
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Sign out: ends the session and clears its cookie',
    auth: 'public',
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/me',
    tag: 'auth',
    summary: 'The signed-in user and the products they have a role on',
    response: ZMe,
    errors: [401],
  }),
  session: endpoint({
    method: 'GET',
    path: '/api/auth/session',
    tag: 'auth',
    summary: 'Who is signed in: the user and their products, or `user: null` when nobody is (200 either way)',
    auth: 'public',
    response: ZSignedIn,
  }),
  setupStatus: endpoint({
    method: 'GET',
    path: '/api/setup',
    tag: 'auth',
    summary: 'Whether this install still needs its first admin',
    auth: 'public',
    response: ZSetupStatus,
  }),
  setup: endpoint({
    method: 'POST',
    path: '/api/setup',
    tag: 'auth',
    summary: 'Create the first admin with the one-time token printed in the server log; signs them in',
    auth: 'public',
    body: ZSetupRequest,
    response: ZMe,
    status: 201,
    errors: [400, 403, 409],
  }),
};

export const tokensEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/tokens',
    tag: 'tokens',
    summary: 'Your personal API tokens (never their secrets)',
    response: z.object({ items: z.array(ZApiToken), nextCursor: z.null() }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/tokens',
    tag: 'tokens',
    summary: 'Create a personal API token; the secret is shown this once. Use it as `Authorization: Bearer <token>`',
    body: ZCreateTokenRequest,
    response: ZCreatedToken,
    status: 201,
  }),
  revoke: endpoint({
    method: 'DELETE',
    path: '/api/tokens/{id}',
    tag: 'tokens',
    summary: 'Revoke one of your API tokens',
    params: ZIdParams,
    errors: [404],
  }),
};

export const usersEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/users',
    tag: 'users',
    summary: 'Every account with its e-mail, deactivated ones included (admins only; others pick people with /api/people)',
    response: z.object({ items: z.array(ZAccount), nextCursor: z.null() }),
    errors: [403],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/users',
    tag: 'users',
    summary: 'Create a user (admins only)',
    body: ZCreateUserRequest,
    response: ZUser,
    status: 201,
    errors: [400, 403, 409],
  }),
};
