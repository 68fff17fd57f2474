import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZProductParams, ZUserRef } from './common.js';
import { ZIdParams } from './common.js';

/**
 * Share links: a read-only page and Atom feed of a product for people without an account, scoped
 * to what the link names (docs/decisions/0008).
 */

export const ZShareScope = z.strictObject({
  /** the published status updates (and the Atom feed of them) */
  updates: z.boolean(),
  /** each open release's forecast against its target */
  forecasts: z.boolean(),
  /** the epics with their progress */
  roadmap: z.boolean(),
});
export type TShareScope = z.infer<typeof ZShareScope>;

export const ZShareLink = z.object({
  id: z.number(),
  productKey: z.string(),
  label: z.string(),
  scope: ZShareScope,
  createdAt: z.string(),
  createdBy: ZUserRef.nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** open: neither revoked nor expired */
  active: z.boolean(),
  lastOpenedAt: z.string().nullable(),
  openCount: z.number(),
});
export type TShareLink = z.infer<typeof ZShareLink>;

/** The link as created: the only time its token (and so its URL) is shown. */
export const ZCreatedShareLink = ZShareLink.extend({ token: z.string(), url: z.string() });
export type TCreatedShareLink = z.infer<typeof ZCreatedShareLink>;

export const ZCreateShareLinkRequest = z.strictObject({
  /** who it is for: "Board of directors" */
  label: z
    .string()
    .trim()
    .min(1, 'must not be empty: say who the link is for')
    .max(200)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters'),
  /** when it stops working: a date (the end of that day, UTC) or a timestamp; never when absent */
  expiresAt: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date like 2026-12-31 or an ISO timestamp' })
    .optional(),
  scope: ZShareScope.partial()
    .default({})
    .transform((s) => ({ updates: s.updates ?? true, forecasts: s.forecasts ?? true, roadmap: s.roadmap ?? false }))
    .refine((s) => s.updates || s.forecasts || s.roadmap, 'must show something: updates, forecasts or roadmap'),
});
export type TCreateShareLinkRequest = z.infer<typeof ZCreateShareLinkRequest>;

export const ZShareLinkList = z.object({ items: z.array(ZShareLink), nextCursor: z.null() });

export const shareLinksEndpoints = {
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/share-links',
    tag: 'share-links',
    summary:
      'Create a read-only link to the product for people without an account, with a label, an optional expiry and what it shows; the token and URL are answered this once and stored only as a hash',
    params: ZProductParams,
    body: ZCreateShareLinkRequest,
    response: ZCreatedShareLink,
    status: 201,
    errors: [403, 404],
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/share-links',
    tag: 'share-links',
    summary: "The product's share links (without their tokens), newest first, with when each was last opened and how often",
    params: ZProductParams,
    response: ZShareLinkList,
    errors: [403, 404],
  }),
  revoke: endpoint({
    method: 'DELETE',
    path: '/api/products/{key}/share-links/{id}',
    tag: 'share-links',
    summary: 'Revoke a share link: its page and feed answer 404 from now on',
    params: ZProductParams.extend({ id: ZIdParams.shape.id }),
    errors: [403, 404],
  }),
};
