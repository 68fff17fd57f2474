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
/**
 * The largest whole number Ordo takes: ids, counts, positions and versions are 32-bit integers in
 * PostgreSQL, which refuses anything past this with an error instead of a 400.
 */
export const MAX_INT = 2 ** 31 - 1;
/** Nested more deeply than any request of Ordo's contract goes. */
export const MAX_DEPTH = 32;
const NUL = '\u0000';

/** Text without the NUL character, which PostgreSQL cannot store (SQLite would store it silently). */
export const ZText = z.string().refine((s) => !s.includes(NUL), 'must not contain the NUL character');
/** A row's id: a positive 32-bit integer (a path segment or query value is a string of digits). */
export const ZId = z.coerce.number().int().positive().max(MAX_INT, 'is not an id Ordo gave out');
/** A calendar date, `2026-03-01`, that exists: `2026-02-31` and `2026-13-45` are refused. */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-01')
  .refine(isRealDate, 'is not a date in the calendar');
/** The nextCursor of a list that pages by a number (an offset, an id, an event number). */
export const ZNumberCursor = z
  .string()
  .regex(/^\d{1,10}$/, 'must be the nextCursor of a previous page')
  .refine((s) => Number(s) <= MAX_INT, 'must be the nextCursor of a previous page');

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The first value in a request (path, query or body, as parsed) that no field of Ordo accepts,
 * whatever its schema says: text with a NUL character, a whole number past 32 bits, nesting past
 * MAX_DEPTH. The route layer refuses such a request with a 400 naming the field, so a field
 * declared as a plain z.string() or z.number() cannot carry them to the database either.
 */
export function hostileValue(value: unknown, path: (string | number)[] = [], depth = 0): { path: string; message: string } | null {
  const at = () => path.join('.');
  if (typeof value === 'string') return value.includes(NUL) ? { path: at(), message: 'must not contain the NUL character' } : null;
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) > MAX_INT ? { path: at(), message: `must be at most ${MAX_INT} in size` } : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return { path: at(), message: 'is nested too deeply' };
  for (const [k, v] of Object.entries(value)) {
    if (k.includes(NUL)) return { path: at(), message: 'must not contain the NUL character in a field name' };
    const problem = hostileValue(v, [...path, k], depth + 1);
    if (problem) return problem;
  }
  return null;
}
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
