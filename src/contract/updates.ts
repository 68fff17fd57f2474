import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZIdParams, ZProductParams, ZUserRef, page } from './common.js';
import { HEALTHS } from '../domain/status-update.js';

/** Status updates: a draft Ordo writes from the data, edited and published with a health (docs/decisions/0008). */

export const ZHealth = z.enum(HEALTHS, { error: 'must be one of on_track, at_risk, off_track' });
export type THealth = z.infer<typeof ZHealth>;

/** Markdown of an update: not empty, no NUL (PostgreSQL cannot store it). */
const ZBody = z
  .string()
  .max(50_000)
  .refine((s) => s.trim().length > 0, 'must not be empty: write the update')
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
const ZVersion = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);

export const ZStatusUpdate = z.object({
  id: z.number(),
  productKey: z.string(),
  state: z.enum(['draft', 'published']),
  body: z.string(),
  /** null on a draft until the owner picks one */
  health: ZHealth.nullable(),
  /** what Ordo suggests from the forecasts and blocked work, and why */
  suggestion: z.object({ health: ZHealth, reason: z.string() }),
  /** the period it covers: from the previous update's publication (or the product's creation) */
  since: z.string(),
  author: ZUserRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: ZUserRef.nullable(),
  /** a published update changes only by a recorded correction */
  correction: z.object({ at: z.string(), by: ZUserRef.nullable(), note: z.string() }).nullable(),
  version: z.number(),
});
export type TStatusUpdate = z.infer<typeof ZStatusUpdate>;

export const ZEditDraftRequest = z.strictObject({
  body: ZBody.optional(),
  health: ZHealth.optional(),
  /** the draft's version as read; a stale one is refused with 409 and the current draft */
  version: ZVersion,
});
export type TEditDraftRequest = z.infer<typeof ZEditDraftRequest>;

export const ZPublishRequest = z.strictObject({
  /** last edits, saved with the publication */
  body: ZBody.optional(),
  health: ZHealth.optional(),
  version: ZVersion,
});
export type TPublishRequest = z.infer<typeof ZPublishRequest>;

export const ZCorrectRequest = z.strictObject({
  body: ZBody.optional(),
  health: ZHealth.optional(),
  /** why it was corrected; shown with the update */
  note: z
    .string()
    .trim()
    .min(1, 'must not be empty: say what was corrected')
    .max(500)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters'),
  version: ZVersion,
});
export type TCorrectRequest = z.infer<typeof ZCorrectRequest>;

export const ZUpdateListQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'must be the nextCursor of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TUpdateListQuery = z.infer<typeof ZUpdateListQuery>;
/** `draft`: the open draft, for those who may publish (null for everyone else, and when there is none). */
export const ZStatusUpdatePage = page(ZStatusUpdate).extend({ draft: ZStatusUpdate.nullable() });
export type TStatusUpdatePage = z.infer<typeof ZStatusUpdatePage>;

export const ZUpdateParams = ZProductParams.extend({ id: ZIdParams.shape.id });

export const updatesEndpoints = {
  draft: endpoint({
    method: 'POST',
    path: '/api/products/{key}/updates/draft',
    tag: 'updates',
    summary:
      "Open the product's draft status update: the open one, or a new one Ordo writes from the data since the previous update (finished, in progress, blocked, each release's forecast, scope, questions, requests) with a suggested health",
    params: ZProductParams,
    response: ZStatusUpdate,
    errors: [403, 404],
  }),
  editDraft: endpoint({
    method: 'PATCH',
    path: '/api/products/{key}/updates/draft',
    tag: 'updates',
    summary: "Save the draft's Markdown and health, at the version read (409 when someone saved since)",
    params: ZProductParams,
    body: ZEditDraftRequest,
    response: ZStatusUpdate,
    errors: [403, 404, 409],
  }),
  publish: endpoint({
    method: 'POST',
    path: '/api/products/{key}/updates/draft/publish',
    tag: 'updates',
    summary: "Publish the draft (a body and a health are required); the product's members and stakeholders are told",
    params: ZProductParams,
    body: ZPublishRequest,
    response: ZStatusUpdate,
    errors: [403, 404, 409],
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/updates',
    tag: 'updates',
    summary: "The product's published status updates, newest first; with the open draft for those who may publish",
    params: ZProductParams,
    query: ZUpdateListQuery,
    response: ZStatusUpdatePage,
    errors: [404],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/products/{key}/updates/{id}',
    tag: 'updates',
    summary: 'One published status update',
    params: ZUpdateParams,
    response: ZStatusUpdate,
    errors: [404],
  }),
  correct: endpoint({
    method: 'POST',
    path: '/api/products/{key}/updates/{id}/correction',
    tag: 'updates',
    summary:
      'Correct a published update: its text or health change, with a note saying why, and the previous text stays in the activity log',
    params: ZUpdateParams,
    body: ZCorrectRequest,
    response: ZStatusUpdate,
    errors: [403, 404, 409],
  }),
};
