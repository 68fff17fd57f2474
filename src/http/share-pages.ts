import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceContext } from '../services/context.js';
import { openShareLink } from '../services/share-links/open-share-link.js';
import { AppError } from '../domain/errors.js';
import { RateLimiter } from './rate-limit.js';
import { notFoundHtml, shareFeedXml, sharePageHtml, SHARE_PAGE_CSP } from './share-page-html.js';

/**
 * The public pages of share links, outside /api and without an account: `/s/{token}` (HTML) and
 * `/s/{token}/feed.atom`. They are not in the contract: they answer HTML and XML for people and
 * feed readers, not JSON for clients. Every answer, found or not, carries the same headers: a CSP
 * that lets nothing run, no referrer (the token is in the URL), not indexed, not cached.
 */
export function registerSharePages(app: FastifyInstance, ctx: ServiceContext, opts: { lookupsPerMinute?: number } = {}) {
  // Guessing a 256-bit token is hopeless anyway; the limit keeps anyone from making the server try.
  const limiter = new RateLimiter(opts.lookupsPerMinute ?? 60, 60_000);

  const headers = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', SHARE_PAGE_CSP)
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('cache-control', 'no-store');

  const throttled = (ip: string, reply: FastifyReply) => {
    try {
      limiter.hit(ip);
      return false;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const retryAfter = (e.details as { retryAfter: number }).retryAfter;
      headers(reply).code(429).header('retry-after', String(retryAfter)).type('text/plain; charset=utf-8').send(e.message);
      return true;
    }
  };

  app.get<{ Params: { token: string } }>('/s/:token', async (req, reply) => {
    if (throttled(req.ip, reply)) return reply;
    const view = await openShareLink(ctx, req.params.token);
    headers(reply).type('text/html; charset=utf-8');
    if (!view) return reply.code(404).send(notFoundHtml());
    return reply.send(sharePageHtml(view, `/s/${req.params.token}/feed.atom`));
  });

  app.get<{ Params: { token: string } }>('/s/:token/feed.atom', async (req, reply) => {
    if (throttled(req.ip, reply)) return reply;
    const view = await openShareLink(ctx, req.params.token);
    if (!view || !view.scope.updates) return headers(reply).code(404).type('text/html; charset=utf-8').send(notFoundHtml());
    const origin = `${ctx.mailer?.publicUrl || `${req.protocol}://${req.host}`}`;
    const page = `${origin}/s/${req.params.token}`;
    return headers(reply)
      .type('application/atom+xml; charset=utf-8')
      .send(shareFeedXml(view, `${page}/feed.atom`, page));
  });
}
