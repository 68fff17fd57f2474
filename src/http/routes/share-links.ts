import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { createShareLink, listShareLinks, revokeShareLink } from '../../services/share-links/create-share-link.js';
import { routes, type Route } from '../route.js';

/** Managing share links; the public pages they open are in ../share-pages.ts. */
export function shareLinkRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.shareLinks, {
    create: async ({ actor, params, body, req }) => {
      const { path, ...link } = await createShareLink(ctx, actor, params.key, body);
      // The link is for people outside: it carries the origin the owner reached Ordo at (PUBLIC_URL behind a proxy).
      return { ...link, url: `${ctx.mailer?.publicUrl || `${req.protocol}://${req.host}`}${path}` };
    },
    list: async ({ actor, params }) => ({ items: await listShareLinks(ctx, actor, params.key), nextCursor: null }),
    revoke: ({ actor, params }) => revokeShareLink(ctx, actor, params.key, params.id),
  });
}
