import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { listAttachments, openAttachment, uploadAttachment } from '../../services/attachments/attachments.js';
import { routes, type Route } from '../route.js';

/** `filename*` (RFC 6266/5987) carries any name safely; the plain `filename` is its ASCII shadow for old clients. */
function disposition(kind: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function attachmentRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.attachments, {
    upload: ({ actor, params, query, req }) => {
      const length = req.headers['content-length'];
      return uploadAttachment(ctx, actor, {
        key: params.key,
        name: query.name,
        contentType: req.headers['content-type'],
        contentLength: length !== undefined ? Number(length) : undefined,
        body: req.raw,
      });
    },
    list: async ({ actor, params }) => ({ items: await listAttachments(ctx, actor, params.key), nextCursor: null }),
    async download({ actor, params, req, reply }) {
      const file = await openAttachment(ctx, actor, params.id);
      const etag = `"${file.sha256}"`;
      // No Content-Length: with one, a keep-alive connection that fetched a file was not seen as idle
      // by close() (found by test/integration/attachments.test.ts); the file goes chunked instead.
      reply
        .header('content-type', file.contentType)
        // Anything but a safe image is a download, never a page of ours; and even opened as a page it
        // runs nothing: the sandbox gives it an opaque origin and default-src 'none' forbids its scripts.
        .header('content-disposition', disposition(file.inline ? 'inline' : 'attachment', file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=86400')
        .header('etag', etag);
      if (req.headers['if-none-match'] === etag) {
        file.stream.destroy();
        return reply.code(304).send();
      }
      return reply.send(file.stream);
    },
  });
}
