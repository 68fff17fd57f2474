import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock, type Clock, type ServiceContext } from '../services/context.js';
import { createEventBus } from '../realtime/create-bus.js';
import { GroupCommit } from '../services/group-commit.js';
import type { Config } from './config.js';
import { FileStore } from '../services/attachments/file-store.js';
import { removeAbandonedDemos } from './demo-builds.js';

export interface Runtime {
  ctx: ServiceContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date, removes what a killed `ordo demo` left and connects the event bus. */
export async function openRuntime(
  config: Config,
  opts: { clock?: Clock; migrate?: boolean; /** a server: SQLite checkpoints off the commits */ server?: boolean } = {},
): Promise<Runtime> {
  const handle = openDatabase({
    checkpointInBackground: opts.server,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    synchronous: config.sqliteSynchronous,
    poolSize: config.poolSize,
  });
  if (opts.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  const bus = await createEventBus(handle);
  const ctx: ServiceContext = {
    db: handle.db,
    dialect: handle.dialect,
    clock: opts.clock ?? systemClock,
    bus,
    files: new FileStore(config.attachmentsDir, config.attachmentMaxBytes),
  };
  // Concurrent writers share a commit's WAL flush instead of queueing on it (docs/decisions/0015).
  if (config.groupCommit && handle.dialect === 'postgres') ctx.groupCommit = new GroupCommit(handle.db);
  // An `ordo demo` killed half-way (kill -9) left a hidden, half-built product: every start removes it.
  if (opts.migrate !== false) await removeAbandonedDemos(ctx);
  return {
    ctx,
    handle,
    async close() {
      await bus.close();
      await handle.close();
    },
  };
}
