import type { EventBus } from './bus.js';

/** Rows read per query while catching up, so a reader far behind never holds a huge result. */
const BATCH = 200;
/** Often enough that proxies with a 30–60 s idle timeout keep a stream open. */
const HEARTBEAT_MS = 15_000;

/** Where one reader's activity comes from. */
export interface ActivitySource<T extends { id: number }> {
  bus: EventBus;
  productId: number;
  /** the last event number the reader has seen */
  after: number;
  /** the product's last event number when the reader arrived */
  lastEvent: number;
  /**
   * The product's activity after an event number, in order, at most `limit` rows. `known` is the
   * newest event number the reader has been told of: a read started after hearing of `known`
   * sees it, so reads with the same product, `after`, `limit` and `known` may share one query.
   */
  read(after: number, limit: number, known: number): Promise<T[]>;
  /** rejects once the reader may no longer see the product (token revoked, member removed) */
  recheckAccess(): Promise<unknown>;
  /** the reader's user: their access signals on the bus trigger a check at once, not only at the heartbeat */
  userId?: number;
}

/** Where it goes: the transport (SSE in src/http/routes/events.ts) frames each call. */
export interface ActivitySink<T> {
  /** The reader is ahead of the product (a restored backup, another database): start again from `lastEvent`. */
  reset(lastEvent: number): void;
  /** Rows in event order, each exactly once; resolves when the transport can take more. */
  send(rows: T[]): Promise<void>;
  /** Nothing to say, but the connection should stay open. */
  heartbeat(): void;
  /** A read failed; the feed ends right after, and the reader resumes from its last row when it reconnects. */
  failed(err: unknown): void;
  /** The feed has stopped: access ended, a read failed, or it was closed. Called once. */
  end(): void;
}

/**
 * Follows a product's activity for one reader: first what happened after `after`, then whatever
 * the event bus signals. Reads are serialised and always continue from the last row sent, so
 * each event goes out once, in order, however signals arrive (late, twice, or several at once).
 * Access is checked again with every heartbeat and whenever the bus says the reader's access
 * changed (src/services/access-changed.ts). Returns the function that stops following.
 */
export function followActivity<T extends { id: number }>(
  source: ActivitySource<T>,
  sink: ActivitySink<T>,
  opts: { heartbeatMs?: number } = {},
): () => void {
  let sent = Math.min(source.after, source.lastEvent);
  let known = source.lastEvent;
  let closed = false;
  let reading = false;
  let readAgain = false;

  // eslint-disable-next-line prefer-const -- assigned below, after close() that clears it is defined
  let firstBeat: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    unsubscribeAccess();
    clearTimeout(firstBeat);
    clearInterval(heartbeat);
    sink.end();
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
          const rows = await source.read(sent, BATCH, known);
          if (closed || rows.length === 0) break;
          sent = rows[rows.length - 1]!.id;
          await sink.send(rows);
          if (rows.length < BATCH) break;
        }
      } while (readAgain && !closed);
    } catch (err) {
      sink.failed(err);
      close();
    } finally {
      reading = false;
    }
  };

  const unsubscribe = source.bus.subscribe(source.productId, (n) => {
    if (n > known) known = n;
    if (n > sent) void catchUp();
  });

  const recheck = () => {
    if (!closed) source.recheckAccess().catch(close);
  };
  const unsubscribeAccess = source.userId === undefined ? () => {} : source.bus.subscribeAccess(source.userId, recheck);

  // Each reader beats at its own phase. Streams opened together (every client reconnecting at once
  // after a restart) would otherwise beat together for as long as they stay open, and their access
  // checks (two queries each) would reach the database as one burst every interval, queueing the
  // process's other requests behind them. No beat comes later than the interval, so proxies' idle
  // timeouts still see traffic in time.
  const every = opts.heartbeatMs ?? HEARTBEAT_MS;
  const beat = () => {
    sink.heartbeat();
    recheck();
  };
  firstBeat = setTimeout(() => {
    beat();
    heartbeat = setInterval(beat, every);
  }, Math.random() * every);

  if (source.after > source.lastEvent) sink.reset(source.lastEvent);
  void catchUp();
  return close;
}
