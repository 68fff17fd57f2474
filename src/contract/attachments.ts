import { z } from 'zod';
import { ANY_FILE, endpoint } from './endpoint.js';
import { ZId, ZItemParams } from './common.js';

/** Image types shown inline; anything else (SVG included, as it can hold script) is served as a download. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export const ZAttachment = z.object({
  id: z.number(),
  itemKey: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** shown in the page (a safe image) rather than downloaded */
  inline: z.boolean(),
  /** where to fetch it: `/api/attachments/{id}/{name}` */
  url: z.string(),
  /** what to put in a description or comment: `![name](url)` for an image, `[name](url)` otherwise */
  markdown: z.string(),
  uploadedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZUploadQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(255)
    .refine(
      (s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c === '/' || c === '\\'),
      'must be a file name without slashes or control characters',
    ),
});

export const attachmentsEndpoints = {
  upload: endpoint({
    method: 'POST',
    path: '/api/items/{key}/attachments',
    tag: 'attachments',
    summary:
      'Attach a file to an item: the body is the file itself (any type, its Content-Type given), streamed to disk; larger than ATTACHMENT_MAX_BYTES (25 MB by default) is 413',
    params: ZItemParams,
    query: ZUploadQuery,
    consumes: 'file',
    response: ZAttachment,
    status: 201,
    errors: [403, 404],
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/items/{key}/attachments',
    tag: 'attachments',
    summary: 'The files attached to an item, oldest first',
    params: ZItemParams,
    response: z.object({ items: z.array(ZAttachment), nextCursor: z.null() }),
    errors: [404],
  }),
  download: endpoint({
    method: 'GET',
    path: '/api/attachments/{id}/{name}',
    tag: 'attachments',
    summary:
      'An attachment, to people who can read its item (404 otherwise): png, jpeg, gif and webp inline, anything else as a download, always with nosniff and a sandboxing CSP',
    params: z.object({ id: ZId.max(2147483647), name: z.string().max(300) }),
    produces: ANY_FILE,
    errors: [404],
  }),
};
