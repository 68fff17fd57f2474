import type SQLite from 'better-sqlite3';
import type { Db } from '../db/schema.js';
import type { LocalEventBus } from './bus.js';

/** How often the server looks: well inside the second issue 12 allows a revoked stream. */
const EVERY_MS = 250;

/**
 * On SQLite the server hears of its own commits through its in-process bus, but a CLI command
 * writing to the same file (`ordo user reset-password`, `ordo import`, `ordo demo`) commits through
 * a connection of its own, and without this the server's streams would learn of it only at their
 * next heartbeat (15 s) or never (new events wait for the next local write).
 *
 * `PRAGMA data_version` on the server's connection changes exactly when another connection has
 * committed, and reading it touches only the WAL index in shared memory, so polling it costs next
 * to nothing while nothing happens. When it changes, the watcher reads what is new since last time
 * (activity and notifications by id) and tells the bus, and asks every open stream to check its
 * access again (a reset or a revoked token is a write like any other; which one is not worth
 * working out for what is a rare event on SQLite).
 */
export class SqliteForeignCommits {
  private timer: NodeJS.Timeout | null = null;
  private version = -1;
  private lastActivity = 0;
  private lastNotification = 0;
  private checking = false;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly db: Db,
    private readonly bus: LocalEventBus,
  ) {}

  async start(): Promise<void> {
    this.version = this.dataVersion();
    this.lastActivity = await this.maxId('activity');
    this.lastNotification = await this.maxId('notifications');
    this.timer = setInterval(() => void this.check(), EVERY_MS).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private dataVersion(): number {
    return this.sqlite.pragma('data_version', { simple: true }) as number;
  }

  private async maxId(table: 'activity' | 'notifications'): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  private async check(): Promise<void> {
    if (this.checking || !this.timer) return;
    const version = this.dataVersion();
    if (version === this.version) return;
    this.version = version;
    this.checking = true;
    try {
      const events = await this.db
        .selectFrom('activity')
        .select(['product_id', (eb) => eb.fn.max('event_number').as('n'), (eb) => eb.fn.max('id').as('id')])
        .where('id', '>', this.lastActivity)
        .groupBy('product_id')
        .execute();
      for (const e of events) {
        this.lastActivity = Math.max(this.lastActivity, Number(e.id));
        this.bus.publish(e.product_id, Number(e.n));
      }
      const notes = await this.db
        .selectFrom('notifications')
        .select(['user_id', (eb) => eb.fn.max('seq').as('seq'), (eb) => eb.fn.max('id').as('id')])
        .where('id', '>', this.lastNotification)
        .groupBy('user_id')
        .execute();
      for (const n of notes) {
        this.lastNotification = Math.max(this.lastNotification, Number(n.id));
        this.bus.publishUser(n.user_id, { type: 'notification', seq: Number(n.seq) });
      }
      this.bus.publishAccessToEveryone();
    } catch {
      // A failed look is retried at the next change; the heartbeat's own check still runs meanwhile.
      this.version = -1;
    } finally {
      this.checking = false;
    }
  }
}
