import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { endpoints } from '../../contract/endpoints.js';
import { MAX_INT } from '../../contract/common.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceContext } from '../../services/context.js';
import {
  findNotifications,
  lastNotificationSeq,
  markNotificationsRead,
  notificationsAfter,
  unreadCount,
} from '../../services/notifications/find-notifications.js';
import { getNotificationSettings, updateNotificationSettings } from '../../services/notifications/settings.js';
import { authenticate } from '../auth.js';
import { routes, type Route } from '../route.js';

const BATCH = 200;
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;

/** Open personal streams of each app, so shutdown can end them (an open stream holds close() forever). */
const openStreams = new WeakMap<ServiceContext, Set<(retryMs?: number) => void>>();

/** How many streams are open with this context, for /metrics. */
export function openUserStreamCount(ctx: ServiceContext): number {
  return openStreams.get(ctx)?.size ?? 0;
}

/** Ends every personal event stream served with this context, each told first to reconnect after `retryMs` when given. */
export function endUserStreams(ctx: ServiceContext, retryMs?: () => number): void {
  for (const end of [...(openStreams.get(ctx) ?? [])]) end(retryMs?.());
}

/** The caller's notifications, their settings, and their live stream (the bell). */
export function notificationRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.notifications, {
    list: ({ actor, query }) => findNotifications(ctx, actor, query),
    read: ({ actor, body }) => markNotificationsRead(ctx, actor, body),
    settings: ({ actor }) => getNotificationSettings(ctx, actor),
    updateSettings: ({ actor, body }) => updateNotificationSettings(ctx, actor, body),
    stream: async ({ actor, query, req, reply }) => {
      const last = await lastNotificationSeq(ctx.db, actor.userId);
      const asked = lastEventId(req) ?? query.after ?? last;
      reply.hijack();
      streamNotifications(ctx, actor, req, reply.raw, asked, last);
    },
  });
}

function lastEventId(req: FastifyRequest): number | undefined {
  const header = req.headers['last-event-id'];
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const n = Number(header.trim());
  if (!Number.isInteger(n) || n < 0 || n > MAX_INT)
    throw new AppError('validation', 'Last-Event-ID: must be a notification number', {
      fields: [{ path: 'Last-Event-ID', message: 'must be a non-negative integer' }],
    });
  return n;
}

/**
 * Sends the person's notifications after `asked`, then whatever the bus signals, each once and in
 * order (reads are serialised and continue from the last number sent); after each batch, and when
 * read marks change in any tab or process, the unread count.
 */
function streamNotifications(ctx: ServiceContext, actor: Actor, req: FastifyRequest, res: ServerResponse, asked: number, last: number) {
  const streams = openStreams.get(ctx) ?? new Set();
  openStreams.set(ctx, streams);
  let sent = Math.min(asked, last);
  let closed = false;
  let reading = false;
  let readAgain = false;
  let countAgain = false;

  const end = (retryMs?: number) => {
    if (closed) return;
    closed = true;
    if (retryMs !== undefined && !res.writableEnded) res.write(`retry: ${retryMs}\n\n`);
    unsubscribe();
    unsubscribeAccess();
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
        let wrote = false;
        for (;;) {
          const rows = await notificationsAfter(ctx.db, actor.userId, sent, BATCH);
          if (closed || rows.length === 0) break;
          sent = rows[rows.length - 1]!.seq;
          await write(rows.map(({ seq, ...n }) => `id: ${seq}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`).join(''));
          wrote = true;
          if (rows.length < BATCH) break;
        }
        if ((wrote || countAgain) && !closed) {
          countAgain = false;
          // Carries the last number sent as its id, so a client that has had no notification yet still resumes from here.
          await write(`id: ${sent}\nevent: unread\ndata: ${JSON.stringify({ unread: await unreadCount(ctx.db, actor.userId) })}\n\n`);
        }
      } while ((readAgain || countAgain) && !closed);
    } catch (err) {
      // The client reconnects after `retry` and resumes from its last id; nothing is lost.
      req.log.warn({ err }, 'notification stream read failed; closing it');
      end();
    } finally {
      reading = false;
    }
  };

  const unsubscribe = ctx.bus.subscribeUser(actor.userId, (signal) => {
    if (signal.type === 'read') countAgain = true;
    else if (signal.seq <= sent) return;
    void catchUp();
  });

  // A session can end while a stream is open (signed out, token revoked, user disabled): checked at
  // once when the bus says so (src/services/access-changed.ts), and with every heartbeat.
  const recheck = () => {
    if (closed) return;
    authenticate(ctx, req)
      .then((a) => {
        if (a.userId !== actor.userId) end();
      })
      .catch(() => end());
  };
  const unsubscribeAccess = ctx.bus.subscribeAccess(actor.userId, recheck);
  const heartbeat = setInterval(() => {
    res.write(': keep-alive\n\n');
    recheck();
  }, HEARTBEAT_MS);

  streams.add(end);
  res.on('close', () => end());
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  if (asked > last) res.write(`id: ${last}\nevent: reset\ndata: ${JSON.stringify({ last })}\n\n`);
  countAgain = true;
  void catchUp();
}
