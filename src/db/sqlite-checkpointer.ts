import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the log back into the database. */
const EVERY_MS = 100;
/** The writer checkpoints itself only past this many log pages (about 40 MB): the worker has fallen behind. */
const FALLBACK_PAGES = 10_000;

/**
 * In WAL mode SQLite copies the log back into the database file (a checkpoint) inside the commit
 * that grows the log past 1,000 pages, and that checkpoint fsyncs the log and the database file.
 * A create writes about 70 pages (the item's indexes, its search entry, the activity row), so
 * every ~15th create waited 5–30 ms for two fsyncs on this machine's disk: half a millisecond per
 * create on average, more than all its queries together (issue 14).
 *
 * The server hands checkpoints to a worker thread with its own connection, which checkpoints
 * PASSIVE every 100 ms (a passive checkpoint takes no lock a writer or reader waits for) while
 * the event loop goes on; the server's own connection checkpoints only if the log passes 10,000
 * pages. Durability is what `synchronous` says, as before: a commit is durable once in the log;
 * the checkpoint only moves pages, and with the timer a commit reaches the database file within
 * about 100 ms instead of after a number of pages.
 *
 * Returns the function that stops the worker; call it before closing the server's connection, so
 * that connection, the last one, checkpoints what is left and removes the log.
 */
export function checkpointInBackground(sqlite: SQLite.Database, file: string): () => Promise<void> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // Resolved here, where the dependency is installed: the worker's own require starts from the cwd.
    workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), file, everyMs: EVERY_MS },
  });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  // A worker that cannot checkpoint says so (or fails); the server's connection then checkpoints as SQLite does by default.
  const fallBack = () => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('message', fallBack);
  worker.on('error', fallBack);
  // The worker must not keep a process alive that is otherwise done.
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  return async () => {
    worker.postMessage('stop');
    await exited;
  };
}

/** The worker, as plain CommonJS so it runs the same from the TypeScript sources and the build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    clearInterval(timer);
    parentPort.postMessage(String(e));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
