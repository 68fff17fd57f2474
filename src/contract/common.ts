import { z } from 'zod';

/** `{ error: { code, message, details } }`, the one error shape every endpoint answers with. */
export const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type TError = z.infer<typeof ZError>;

export const ZProductKey = z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be 2–10 capital letters or digits, starting with a letter');
export const ZItemKey = z.string().regex(/^[A-Z][A-Z0-9]{1,9}-\d+$/, 'must look like PAY-123');
export const ZId = z.coerce.number().int().positive();
export const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-01');
export const ZTimestamp = z.string();

/**
 * A list in a query string: `?type=story,bug` or `?type=story&type=bug`; the client may pass an
 * array, which it sends comma-joined.
 */
export const ZCsvList = z
  .union([z.string().max(2000), z.array(z.string().max(200)).max(100)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean));

/** Path parameters: a product's key, an item's key, a numeric id. */
export const ZProductParams = z.object({ key: ZProductKey });
export const ZItemParams = z.object({ key: ZItemKey });
export const ZIdParams = z.object({ id: ZId });

export const ZPageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Every list answers `{ items, nextCursor }`; nextCursor is null on the last page. */
export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ZUserRef = z.object({ id: z.number(), name: z.string() });
export type TUserRef = z.infer<typeof ZUserRef>;
