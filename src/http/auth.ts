import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import type { Actor, ServiceContext } from '../services/context.js';
import { actorFromSession, actorFromToken } from '../services/users.js';

export const SESSION_COOKIE = 'ordo_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user, from a Bearer API token or the session cookie; 401 otherwise. */
export async function authenticate(ctx: ServiceContext, req: FastifyRequest): Promise<Actor> {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await actorFromToken(ctx, match[1]!) : null;
    if (!actor) throw new AppError('unauthenticated', 'The API token is invalid or revoked');
    return actor;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) throw new AppError('unauthenticated', 'Sign in first');
  if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req);
  const actor = await actorFromSession(ctx, cookie);
  if (!actor) throw new AppError('unauthenticated', 'Your session has ended; sign in again');
  return actor;
}

/**
 * Cookie-authenticated mutations must come from our own pages: a foreign Origin (or a browser's
 * cross-site fetch marker) is refused, so another site cannot act with the user's cookie.
 */
export function assertSameOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  if (origin) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('forbidden', 'Cross-origin request refused');
    }
    // req.host reads X-Forwarded-Host only when TRUST_PROXY is on; otherwise a client could
    // claim any host and pass this check.
    if (host !== req.host) throw new AppError('forbidden', 'Cross-origin request refused');
    return;
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('forbidden', 'Cross-origin request refused');
}
