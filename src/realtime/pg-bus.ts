import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { Dialect } from '../db/dialect.js';
import type { Trx } from '../db/schema.js';
import { accessTopic, userTopic, type EventBus, type UserSignal } from './bus.js';

/**
 * The channel writers notify on (appendActivity in src/db/activity-log.ts) and every PgEventBus listens to, with payload
 * `<productId>:<eventNumber>:<sent at, epoch ms>` (the time is for the lag metric; readers of an
 * older version read the first two fields).
 */
export const EVENTS_CHANNEL = 'ordo_events';
/**
 * The channel people's signals travel on: `n:<userId>:<seq>,<userId>:<seq>…` when people have new
 * notifications (src/services/notifications/notify.ts), `<userId>:r` when a person's read marks changed,
 * `<userId>:a` when what a person may see changed (src/services/access-changed.ts).
 */
export const USER_CHANNEL = 'ordo_user_events';

/**
 * Inside a writing transaction that appends activity by itself (an import writing a block of
 * events), tells every process listening on the database that these products have events up to
 * these numbers: PostgreSQL delivers it at commit, in commit order, and never if the transaction
 * rolls back. mutate()'s own rows notify in appendActivity's statement. On SQLite one process
 * serves, and its own bus hears of the commit, so there is nothing to send.
 */
export async function announceEvents(trx: Trx, dialect: Dialect, lastEvents: ReadonlyMap<number, number>): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const [productId, n] of lastEvents) {
    await sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${productId}:${n}:${Date.now()}`})`.execute(trx);
  }
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;
/** A connection that vanished without an error (a dead peer, a dropped NAT entry) shows up here. */
const PING_EVERY_MS = 30_000;

/**
 * Hears every process's commits through PostgreSQL LISTEN/NOTIFY on one dedicated connection.
 * Notifications arrive at commit, in commit order. If the connection drops, it reconnects with
 * backoff and then wakes every subscribed product with its current last event, so readers catch
 * up on whatever was committed while it was deaf.
 */
export class PgEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly lagListeners = new Set<(seconds: number) => void>();

  private constructor(private readonly connectionString: string) {
    this.emitter.setMaxListeners(0);
    this.pingTimer = setInterval(() => void this.ping(), PING_EVERY_MS).unref();
  }

  /** Connects and starts listening; fails if PostgreSQL cannot be reached at all. */
  static async connect(connectionString: string): Promise<PgEventBus> {
    const bus = new PgEventBus(connectionString);
    try {
      await bus.listen();
    } catch (err) {
      await bus.close();
      throw err;
    }
    return bus;
  }

  publish(productId: number, eventNumber: number): void {
    this.emitter.emit(String(productId), eventNumber);
  }

  subscribe(productId: number, listener: (eventNumber: number) => void): () => void {
    this.emitter.on(String(productId), listener);
    return () => this.emitter.off(String(productId), listener);
  }

  publishUser(userId: number, signal: UserSignal): void {
    this.emitter.emit(userTopic(userId), signal);
  }

  subscribeUser(userId: number, listener: (signal: UserSignal) => void): () => void {
    this.emitter.on(userTopic(userId), listener);
    return () => this.emitter.off(userTopic(userId), listener);
  }

  publishAccess(userId: number): void {
    this.emitter.emit(accessTopic(userId));
  }

  subscribeAccess(userId: number, listener: () => void): () => void {
    this.emitter.on(accessTopic(userId), listener);
    return () => this.emitter.off(accessTopic(userId), listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pingTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.emitter.removeAllListeners();
    await client?.end().catch(() => {});
  }

  /**
   * Hears, for each product signal, the seconds from the writer's NOTIFY (just before its commit)
   * to this process hearing it: the bus's share of a change's delivery time (src/http/metrics.ts).
   */
  onLag(listener: (seconds: number) => void): () => void {
    this.lagListeners.add(listener);
    return () => this.lagListeners.delete(listener);
  }

  /** Whether the listening connection is up; for health reporting and tests. */
  get listening(): boolean {
    return this.client !== null;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'ordo events',
      keepAlive: true,
    });
    client.on('notification', (msg) => {
      if (msg.channel === USER_CHANNEL && msg.payload) return this.heardUser(msg.payload);
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      const [productId, eventNumber, sentAt] = msg.payload.split(':').map(Number);
      if (Number.isInteger(productId) && Number.isInteger(eventNumber)) this.publish(productId!, eventNumber!);
      if (sentAt && this.lagListeners.size > 0) for (const fn of this.lagListeners) fn(Math.max(0, Date.now() - sentAt) / 1000);
    });
    // Without a handler an 'error' would crash the process; a dropped connection is routine.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    await client.query(`LISTEN ${USER_CHANNEL}`);
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.reconnect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private async reconnect() {
    try {
      await this.listen();
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.retryMs = FIRST_RETRY_MS;
    await this.wakeSubscribers();
  }

  private heardUser(payload: string) {
    if (payload.startsWith('n:')) {
      for (const part of payload.slice(2).split(',')) {
        const [userId, seq] = part.split(':').map(Number);
        if (Number.isInteger(userId) && Number.isInteger(seq)) this.publishUser(userId!, { type: 'notification', seq: seq! });
      }
      return;
    }
    const [userId, type] = payload.split(':');
    if (!Number.isInteger(Number(userId))) return;
    if (type === 'r') this.publishUser(Number(userId), { type: 'read' });
    else if (type === 'a') this.publishAccess(Number(userId));
  }

  /**
   * Publishes each subscribed product's last event and each subscribed person's last notification
   * (and a read signal, as read marks may have changed), read after LISTEN so nothing falls between.
   */
  private async wakeSubscribers() {
    const names = this.emitter.eventNames().map(String);
    const ids = names.map(Number).filter(Number.isInteger);
    const userIds = names.filter((n) => n.startsWith('u')).map((n) => Number(n.slice(1)));
    // A revocation may have been missed while deaf: every stream checks its access again.
    for (const n of names) if (n.startsWith('a')) this.emitter.emit(n);
    if ((ids.length === 0 && userIds.length === 0) || !this.client) return;
    try {
      if (ids.length > 0) {
        const { rows } = await this.client.query<{ id: number; last_event: number }>(
          'SELECT id, last_event FROM products WHERE id = ANY($1::int[])',
          [ids],
        );
        for (const r of rows) this.publish(r.id, r.last_event);
      }
      if (userIds.length > 0) {
        const { rows } = await this.client.query<{ user_id: number; last_seq: number }>(
          'SELECT user_id, last_seq FROM notification_users WHERE user_id = ANY($1::int[])',
          [userIds],
        );
        for (const r of rows) this.publishUser(r.user_id, { type: 'notification', seq: r.last_seq });
        for (const id of userIds) this.publishUser(id, { type: 'read' });
      }
    } catch {
      // The connection failed again; its 'error' handler schedules the next attempt.
    }
  }

  private async ping() {
    const client = this.client;
    if (!client) return;
    try {
      await client.query('SELECT 1');
    } catch {
      this.lost(client);
    }
  }
}
