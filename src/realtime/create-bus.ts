import type { DatabaseHandle } from '../db/connection.js';
import { LocalEventBus, type EventBus } from './bus.js';
import { PgEventBus } from './pg-bus.js';

/** In-process for SQLite (one process); PostgreSQL LISTEN/NOTIFY when several processes share a database. */
export async function createEventBus(handle: DatabaseHandle): Promise<EventBus> {
  if (handle.dialect === 'postgres' && handle.databaseUrl) return PgEventBus.connect(handle.databaseUrl);
  return new LocalEventBus();
}
