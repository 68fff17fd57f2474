import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZIdParams } from './common.js';
import { ZAccount, ZMe } from './auth.js';

/** PostgreSQL refuses NUL in text, so free text is checked for it here, before any SQL. */
const noNul = (s: string) => !s.includes('\u0000');
const ZName = z.string().trim().min(1, 'is required').max(200).refine(noNul, 'must not contain NUL');
const ZEmail = z.string().trim().toLowerCase().max(320).pipe(z.email('must be an email address'));
const ZPassword = z.string().min(8, 'must be at least 8 characters').max(1000).refine(noNul, 'must not contain NUL');

/** Someone the caller can pick (assignee, mention, addressee): no e-mail, only who they are. */
export const ZPerson = z.object({ id: z.number(), name: z.string() });

export const ZGeneratedPassword = z.object({
  password: z.string(),
  /** sessions ended and API tokens revoked by the reset */
  sessionsEnded: z.number(),
  tokensRevoked: z.number(),
});

export const ZSession = z.object({
  /** the stored hash of the cookie, never the cookie itself */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZAccountAction = z.enum(['password_reset', 'deactivated', 'reactivated', 'admin_granted', 'admin_revoked']);
export type TAccountAction = z.infer<typeof ZAccountAction>;

/** One admin action on an account: who did what to whom, and when. */
export const ZAccountEvent = z.object({
  id: z.number(),
  action: ZAccountAction,
  user: z.object({ id: z.number(), name: z.string() }),
  actor: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const ZUpdateProfile = z
  .strictObject({ name: ZName.optional(), email: ZEmail.optional() })
  .refine((b) => b.name !== undefined || b.email !== undefined, 'name or email is required');

export const ZChangePassword = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(1000),
  newPassword: ZPassword,
});

export const ZSessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'must be a session id') });

// ---- endpoints ----

/** What an admin does to accounts (People page). */
export const accountsEndpoints = {
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/users/{id}/reset-password',
    tag: 'users',
    summary: 'Give a user a generated password, shown this once; ends every session of theirs and revokes their API tokens (admins only)',
    params: ZIdParams,
    response: ZGeneratedPassword,
    errors: [403, 404],
  }),
  deactivate: endpoint({
    method: 'POST',
    path: '/api/users/{id}/deactivate',
    tag: 'users',
    summary: 'Stop a user from signing in: ends their sessions and revokes their API tokens; their name stays on history (admins only)',
    params: ZIdParams,
    response: ZAccount,
    errors: [403, 404, 422],
  }),
  reactivate: endpoint({
    method: 'POST',
    path: '/api/users/{id}/reactivate',
    tag: 'users',
    summary: 'Let a deactivated user sign in again (with a password reset, as their tokens stay revoked) (admins only)',
    params: ZIdParams,
    response: ZAccount,
    errors: [403, 404],
  }),
  setAdmin: endpoint({
    method: 'PUT',
    path: '/api/users/{id}/admin',
    tag: 'users',
    summary: 'Make a user a workspace admin or remove it; the last active admin cannot be removed (admins only)',
    params: ZIdParams,
    body: z.strictObject({ isAdmin: z.boolean() }),
    response: ZAccount,
    errors: [403, 404, 422],
  }),
  audit: endpoint({
    method: 'GET',
    path: '/api/users/audit',
    tag: 'users',
    summary: 'The latest admin actions on accounts, newest first (admins only)',
    query: z.object({ userId: z.coerce.number().int().positive().max(2147483647).optional() }),
    response: z.object({ items: z.array(ZAccountEvent), nextCursor: z.null() }),
    errors: [403],
  }),
  people: endpoint({
    method: 'GET',
    path: '/api/people',
    tag: 'users',
    summary: 'People you can pick: members of the products you share with them (everyone active, for admins); by name',
    query: z.object({
      q: z.string().trim().max(200).refine(noNul, 'must not contain NUL').optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(ZPerson), nextCursor: z.null() }),
  }),
};

/** What everyone does to their own account (Profile page). */
export const profileEndpoints = {
  update: endpoint({
    method: 'PATCH',
    path: '/api/me',
    tag: 'profile',
    summary: 'Change your name or e-mail (an e-mail someone else has is refused with 409)',
    body: ZUpdateProfile,
    response: ZMe,
    errors: [409],
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/me/password',
    tag: 'profile',
    summary: 'Change your password, giving the current one; your other sessions end',
    body: ZChangePassword,
  }),
  sessions: endpoint({
    method: 'GET',
    path: '/api/me/sessions',
    tag: 'profile',
    summary: 'Where you are signed in',
    response: z.object({ items: z.array(ZSession), nextCursor: z.null() }),
  }),
  endSession: endpoint({
    method: 'DELETE',
    path: '/api/me/sessions/{id}',
    tag: 'profile',
    summary: 'Sign one of your sessions out',
    params: ZSessionParams,
    errors: [404],
  }),
};
