import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock, type Clock, type ServiceContext } from '../services/context.js';
import { createEventBus } from '../realtime/create-bus.js';
import type { Config } from './config.js';

export interface Runtime {
  ctx: ServiceContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and connects the event bus. */
export async function openRuntime(config: Config, opts: { clock?: Clock; migrate?: boolean } = {}): Promise<Runtime> {
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    synchronous: config.sqliteSynchronous,
    poolSize: config.poolSize,
  });
  if (opts.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  const bus = await createEventBus(handle);
  const ctx: ServiceContext = { db: handle.db, dialect: handle.dialect, clock: opts.clock ?? systemClock, bus };
  return {
    ctx,
    handle,
    async close() {
      await bus.close();
      await handle.close();
    },
  };
}
