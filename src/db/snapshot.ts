import type { Dialect } from './dialect.js';
import type { Conn } from './schema.js';

/**
 * Runs a reader that yields as it goes (an export) on one consistent view of the database. On
 * PostgreSQL that is a READ ONLY, REPEATABLE READ transaction held open until the reader ends (or
 * its consumer stops), so every page it reads sees the same committed state however long the
 * download takes. SQLite's one connection would make writers wait behind it for as long, so there
 * the reader reads as it goes and a change committed meanwhile may show in later pages.
 */
export async function* readSnapshot<T>(db: Conn, dialect: Dialect, reader: (db: Conn) => AsyncGenerator<T>): AsyncGenerator<T> {
  if (dialect !== 'postgres') {
    yield* reader(db);
    return;
  }
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let opened!: (trx: Conn) => void;
  const open = new Promise<Conn>((resolve) => (opened = resolve));
  const transaction = db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      opened(trx);
      await finished;
    });
  try {
    const trx = await Promise.race([open, transaction.then(() => Promise.reject(new Error('the snapshot ended early')))]);
    yield* reader(trx);
  } finally {
    finish();
    await transaction;
  }
}
