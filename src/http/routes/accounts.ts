import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { listAccountEvents } from '../../services/accounts/account-events.js';
import { findPeople } from '../../services/accounts/find-people.js';
import { deactivateUser, reactivateUser, resetUserPassword, setAdmin } from '../../services/accounts/manage-accounts.js';
import { changePassword, updateProfile } from '../../services/accounts/profile.js';
import { endSession, listSessions } from '../../services/accounts/sessions.js';
import { sessionIdOf } from '../../services/users.js';
import { SESSION_COOKIE } from '../auth.js';
import { routes, type Route } from '../route.js';
import type { FastifyRequest } from 'fastify';

/** The session making the request, when it came with the cookie (not with an API token). */
const currentSession = (req: FastifyRequest) => {
  const cookie = req.headers.authorization ? undefined : req.cookies?.[SESSION_COOKIE];
  return cookie ? sessionIdOf(cookie) : undefined;
};

export function accountRoutes(ctx: ServiceContext): Route[] {
  return [
    ...routes(endpoints.accounts, {
      resetPassword: ({ actor, params }) => resetUserPassword(ctx, actor, params.id),
      deactivate: ({ actor, params }) => deactivateUser(ctx, actor, params.id),
      reactivate: ({ actor, params }) => reactivateUser(ctx, actor, params.id),
      setAdmin: ({ actor, params, body }) => setAdmin(ctx, actor, params.id, body.isAdmin),
      audit: async ({ actor, query }) => ({ items: await listAccountEvents(ctx, actor, query), nextCursor: null }),
      people: async ({ actor, query }) => ({ items: await findPeople(ctx, actor, query), nextCursor: null }),
    }),
    ...routes(endpoints.profile, {
      update: ({ actor, body }) => updateProfile(ctx, actor, body),
      changePassword: async ({ actor, body, req }) => {
        await changePassword(ctx, actor, { ...body, currentSessionId: currentSession(req) });
      },
      sessions: async ({ actor, req }) => ({ items: await listSessions(ctx, actor, currentSession(req)), nextCursor: null }),
      endSession: async ({ actor, params }) => {
        await endSession(ctx, actor, params.id);
      },
    }),
  ];
}
