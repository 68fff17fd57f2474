import { endpoints } from '../../contract/endpoints.js';
import type { TActivity } from '../../contract/activity.js';
import { once } from 'node:events';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { followActivity } from '../../realtime/follow-activity.js';
import { requireProduct } from '../../services/access.js';
import { activityAfter } from '../../services/activity.js';
import type { ServiceContext } from '../../services/context.js';
import { authenticate } from '../auth.js';
import { routes, type Route } from '../route.js';

/** How long EventSource waits before reconnecting after the stream drops. */
const RETRY_MS = 2_000;

/**
 * Open streams of each app, so shutdown can end them: an open stream is an in-flight request and
 * would otherwise hold the server's close forever.
 */
const openStreams = new WeakMap<ServiceContext, Set<() => void>>();

/** Ends every event stream served with this context; call before closing the server. */
export function endEventStreams(ctx: ServiceContext): void {
  for (const end of [...(openStreams.get(ctx) ?? [])]) end();
}

/**
 * The product's activity as Server-Sent Events: what src/realtime/follow-activity.ts produces,
 * framed on the raw response (`id:` is the event number, so EventSource resumes with Last-Event-ID).
 */
export function eventRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.events, {
    stream: async ({ actor, params, query, req, reply }) => {
      const { product } = await requireProduct(ctx.db, actor, { key: params.key }, 'product.read');
      const after = lastEventId(req) ?? query.after ?? product.last_event;
      reply.hijack();
      const res = reply.raw;
      const streams = openStreams.get(ctx) ?? new Set();
      openStreams.set(ctx, streams);

      const write = async (chunk: string) => {
        if (res.write(chunk)) return;
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      };
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream and deliver events in clumps
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${RETRY_MS}\n\n`);
      const stop = followActivity(
        {
          bus: ctx.bus,
          productId: product.id,
          after,
          lastEvent: product.last_event,
          read: (from, limit) => activityAfter(ctx.db, product.id, from, limit),
          recheckAccess: () => authenticate(ctx, req).then((again) => requireProduct(ctx.db, again, { id: product.id }, 'product.read')),
        },
        {
          reset: (lastEvent) => res.write(`id: ${lastEvent}\nevent: reset\ndata: ${JSON.stringify({ lastEvent })}\n\n`),
          send: (rows) => write(rows.map(formatEvent).join('')),
          heartbeat: () => res.write(': keep-alive\n\n'),
          // The client reconnects after `retry` and resumes from its last id; nothing is lost.
          failed: (err) => req.log.warn({ err }, 'event stream read failed; closing it'),
          end: () => {
            streams.delete(stop);
            res.end();
          },
        },
      );
      streams.add(stop);
      res.on('close', stop);
    },
  });
}

function lastEventId(req: FastifyRequest): number | undefined {
  const header = req.headers['last-event-id'];
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const n = Number(header.trim());
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('validation', 'Last-Event-ID: must be an event number', {
      fields: [{ path: 'Last-Event-ID', message: 'must be a non-negative integer' }],
    });
  return n;
}

function formatEvent(a: TActivity): string {
  return `id: ${a.id}\nevent: activity\ndata: ${JSON.stringify(a)}\n\n`;
}
