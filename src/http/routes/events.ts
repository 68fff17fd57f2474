import { endpoints } from '../../contract/endpoints.js';
import { MAX_INT } from '../../contract/common.js';
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
const openStreams = new WeakMap<ServiceContext, Set<(retryMs?: number) => void>>();

/** How many streams are open with this context, for /metrics. */
export function openEventStreamCount(ctx: ServiceContext): number {
  return openStreams.get(ctx)?.size ?? 0;
}

/**
 * Ends every event stream served with this context; call before closing the server. With
 * `retryMs`, each stream is told first to reconnect after that long (a shutdown spreads the
 * reconnections to the other processes out; see src/cli/serve.ts).
 */
export function endEventStreams(ctx: ServiceContext, retryMs?: () => number): void {
  for (const end of [...(openStreams.get(ctx) ?? [])]) end(retryMs?.());
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

      const write = async (chunk: Buffer) => {
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
      const end = (retryMs?: number) => {
        if (retryMs !== undefined && !res.writableEnded) res.write(`retry: ${retryMs}\n\n`);
        stop();
      };
      const stop = followActivity(
        {
          bus: ctx.bus,
          productId: product.id,
          after,
          lastEvent: product.last_event,
          userId: actor.userId,
          read: (from, limit, known) => sharedRead(ctx, product.id, from, limit, known),
          recheckAccess: () => authenticate(ctx, req).then((again) => requireProduct(ctx.db, again, { id: product.id }, 'product.read')),
        },
        {
          reset: (lastEvent) => res.write(`id: ${lastEvent}\nevent: reset\ndata: ${JSON.stringify({ lastEvent })}\n\n`),
          send: (rows) => write(framed(rows)),
          heartbeat: () => res.write(': keep-alive\n\n'),
          // The client reconnects after `retry` and resumes from its last id; nothing is lost.
          failed: (err) => req.log.warn({ err }, 'event stream read failed; closing it'),
          end: () => {
            streams.delete(end);
            res.end();
          },
        },
      );
      streams.add(end);
      res.on('close', stop);
    },
  });
}

/** Reads in progress per app, by product, starting point, size and the newest event their readers knew of. */
const readsInFlight = new WeakMap<ServiceContext, Map<string, Promise<TActivity[]>>>();

/**
 * A change wakes every reader of its product at once, and nearly all of them stand at the same
 * event: they share one query instead of each sending its own (1,000 readers on a process were
 * 1,000 identical queries per change). Only reads that knew of the same newest event share, so a
 * reader never joins a query begun before the commit it was woken for (follow-activity.ts).
 */
function sharedRead(ctx: ServiceContext, productId: number, after: number, limit: number, known: number): Promise<TActivity[]> {
  let reads = readsInFlight.get(ctx);
  if (!reads) readsInFlight.set(ctx, (reads = new Map()));
  const key = `${productId}:${after}:${limit}:${known}`;
  let read = reads.get(key);
  if (!read) {
    read = activityAfter(ctx.db, productId, after, limit).finally(() => reads.delete(key));
    reads.set(key, read);
  }
  return read;
}

function lastEventId(req: FastifyRequest): number | undefined {
  const header = req.headers['last-event-id'];
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const n = Number(header.trim());
  if (!Number.isInteger(n) || n < 0 || n > MAX_INT)
    throw new AppError('validation', 'Last-Event-ID: must be an event number', {
      fields: [{ path: 'Last-Event-ID', message: 'must be a non-negative integer' }],
    });
  return n;
}

/** Batches already framed, by the array a shared read returned. */
const framedBatches = new WeakMap<TActivity[], Buffer>();

/**
 * The SSE frames of a batch of rows. Readers that shared a read (sharedRead) hold the same array,
 * so a change is serialised and encoded once per process, not once per reader: with 333 readers on
 * a process that was 333 JSON.stringify calls and 333 UTF-8 encodings of the same text per change.
 */
function framed(rows: TActivity[]): Buffer {
  let frames = framedBatches.get(rows);
  if (!frames) {
    frames = Buffer.from(rows.map((a) => `id: ${a.id}\nevent: activity\ndata: ${JSON.stringify(a)}\n\n`).join(''));
    framedBatches.set(rows, frames);
  }
  return frames;
}
