import { endpoints } from '../../contract/endpoints.js';
import type { TActivity } from '../../contract/items.js';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { requireProduct } from '../../services/access.js';
import { activityAfter } from '../../services/activity.js';
import type { ServiceContext } from '../../services/context.js';
import { authenticate } from '../auth.js';
import { routes, type Route } from '../route.js';

/** Rows read per query while catching up, so a client far behind never holds a huge result. */
const BATCH = 200;
/** Often enough that proxies with a 30–60 s idle timeout keep the stream open. */
const HEARTBEAT_MS = 15_000;
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

export function eventRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.events, {
    stream: async ({ actor, params, query, req, reply }) => {
      const { product } = await requireProduct(ctx.db, actor, { key: params.key }, 'product.read');
      const asked = lastEventId(req) ?? query.after ?? product.last_event;
      reply.hijack();
      streamActivity(ctx, req, reply.raw, product.id, asked, product.last_event);
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

/**
 * Sends the product's activity after `asked`, then whatever the event bus signals. Reads are
 * serialised per stream and always continue from the last number sent, so each event goes out
 * once, in order, however signals arrive (late, twice, or several at once).
 */
function streamActivity(
  ctx: ServiceContext,
  req: FastifyRequest,
  res: ServerResponse,
  productId: number,
  asked: number,
  lastEvent: number,
) {
  const streams = openStreams.get(ctx) ?? new Set();
  openStreams.set(ctx, streams);
  let sent = Math.min(asked, lastEvent);
  let closed = false;
  let reading = false;
  let readAgain = false;

  const end = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    streams.delete(end);
    res.end();
  };

  const write = async (chunk: string) => {
    if (res.write(chunk)) return;
    await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };

  const catchUp = async () => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        for (;;) {
          const rows = await activityAfter(ctx.db, productId, sent, BATCH);
          if (closed || rows.length === 0) break;
          sent = rows[rows.length - 1]!.id;
          await write(rows.map(formatEvent).join(''));
          if (rows.length < BATCH) break;
        }
      } while (readAgain && !closed);
    } catch (err) {
      // The client reconnects after `retry` and resumes from its last id; nothing is lost.
      req.log.warn({ err }, 'event stream read failed; closing it');
      end();
    } finally {
      reading = false;
    }
  };

  const unsubscribe = ctx.bus.subscribe(productId, (n) => {
    if (n > sent) void catchUp();
  });

  // Access can end while a stream is open (token revoked, member removed); check with each beat.
  const heartbeat = setInterval(() => {
    res.write(': keep-alive\n\n');
    authenticate(ctx, req)
      .then((actor) => requireProduct(ctx.db, actor, { id: productId }, 'product.read'))
      .catch(end);
  }, HEARTBEAT_MS);

  streams.add(end);
  res.on('close', end);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream and deliver events in clumps
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  if (asked > lastEvent) res.write(`id: ${lastEvent}\nevent: reset\ndata: ${JSON.stringify({ lastEvent })}\n\n`);
  void catchUp();
}

function formatEvent(a: TActivity): string {
  return `id: ${a.id}\nevent: activity\ndata: ${JSON.stringify(a)}\n\n`;
}
