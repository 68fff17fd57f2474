import type { DatabaseHandle } from '../db/connection.js';
import { LocalEventBus, type EventBus } from './bus.js';

/** In-process for SQLite (one process); PostgreSQL LISTEN/NOTIFY when several processes share a database. */
export async function createEventBus(_handle: DatabaseHandle): Promise<EventBus> {
  return new LocalEventBus();
}
