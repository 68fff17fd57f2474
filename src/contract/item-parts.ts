import { z } from 'zod';
import { ZItemKey, page } from './common.js';
import { ZActivity, ZComment, ZCriterion, ZLink } from './items.js';

/**
 * Seek pagination for logs that only grow (comments, history): the cursor is the position of the
 * last row read, so a page never shifts when new rows arrive while someone reads.
 */
export const ZSeekQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'must be the nextCursor of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TSeekQuery = z.infer<typeof ZSeekQuery>;

export const ZCommentPage = page(ZComment);
export type TCommentPage = z.infer<typeof ZCommentPage>;

export const ZUpdateCommentRequest = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(20_000),
});
export type TUpdateCommentRequest = z.infer<typeof ZUpdateCommentRequest>;

export const ZCriterionList = z.object({ items: z.array(ZCriterion), nextCursor: z.null() });

export const LINK_KINDS = ['blocks', 'blocked_by', 'relates'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const ZLinkList = z.object({ items: z.array(ZLink), nextCursor: z.null() });
export type TLink = z.infer<typeof ZLink>;

export const ZLinkParams = z.object({ key: ZItemKey, kind: z.enum(LINK_KINDS), otherKey: ZItemKey });

export const ZActivityPage = page(ZActivity);
export type TActivityPage = z.infer<typeof ZActivityPage>;

/** The product's audit trail, optionally only some kinds of thing (`item,comment`). */
export const ZProductActivityQuery = ZSeekQuery.extend({
  entityType: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .optional(),
});
export type TProductActivityQuery = z.infer<typeof ZProductActivityQuery>;
