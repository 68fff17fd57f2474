import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { isPostgresUrl } from '../db/connection.js';
import { knownMigrations } from '../db/migrate.js';
import { AppError } from '../domain/errors.js';
import type { Config } from './config.js';
import { FileStore } from '../services/attachments/file-store.js';

const POSTGRES_ADVICE =
  'Ordo is using PostgreSQL: back it up with pg_dump (`pg_dump -Fc "$DATABASE_URL" > ordo.dump`) ' +
  'and restore with pg_restore (`pg_restore --clean --if-exists -d "$DATABASE_URL" ordo.dump`). ' +
  '`ordo backup` and `ordo restore` handle the SQLite database only.';

type Dirs = Pick<Config, 'dataDir' | 'databaseUrl'> & { attachmentsDir?: string };

/** Where attachment bytes live for this configuration (see Config.attachmentsDir). */
const attachmentsDirOf = (config: Dirs) => config.attachmentsDir ?? path.join(config.dataDir, 'files');

/** The table a backup carries attachment bytes in; the restore unpacks it into the attachments directory and drops it. */
const FILES_TABLE = 'ordo_backup_files';

/** The SQLite file `ordo serve` uses for this configuration. */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'ordo.db');
}

const refuse = (message: string) => new AppError('rule_violation', message);

/**
 * Writes a consistent copy of the live SQLite database to `target`, safe while `ordo serve` is
 * running: VACUUM INTO reads one snapshot (WAL lets the server keep writing meanwhile) and the
 * copy appears under its name only once complete.
 */
export function backupDatabase(config: Dirs, target: string) {
  if (isPostgresUrl(config.databaseUrl)) throw refuse(POSTGRES_ADVICE);
  const source = databaseFile(config);
  if (!fs.existsSync(source)) throw refuse(`There is no database at ${source} to back up (is --data-dir right?)`);
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw refuse(`${file} exists; choose another name or remove it first`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true, timeout: 5_000 });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  let packed: { files: number; missing: string[] };
  try {
    packed = packAttachments(partial, attachmentsDirOf(config));
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  fs.renameSync(partial, file);
  const summary = describeOrdoDatabase(file);
  return { file, bytes: fs.statSync(file).size, ...summary, attachments: packed.files, missingAttachments: packed.missing };
}

/**
 * Replaces the data dir's database with a backup, after checking that the backup is a sound Ordo
 * database and that no server has the current one open. The current file is kept beside it as
 * `ordo.db.before-restore`.
 */
export async function restoreDatabase(config: Dirs, backup: string) {
  if (isPostgresUrl(config.databaseUrl)) throw refuse(POSTGRES_ADVICE);
  const source = path.resolve(backup);
  if (!fs.existsSync(source)) throw refuse(`There is no file at ${source}`);
  const summary = describeOrdoDatabase(source);

  const live = databaseFile(config);
  fs.mkdirSync(path.dirname(live), { recursive: true });
  const incoming = `${live}.restoring`;
  fs.rmSync(incoming, { force: true });
  // SQLite's own copy, so a backup that is itself in WAL mode arrives with everything in its WAL.
  const from = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(incoming);
  } finally {
    from.close();
  }
  let files: number;
  try {
    files = unpackAttachments(incoming, attachmentsDirOf(config));
  } catch (err) {
    fs.rmSync(incoming, { force: true });
    throw err;
  }

  let kept: string | null = null;
  if (fs.existsSync(live)) {
    try {
      settleLiveDatabase(live);
    } catch (err) {
      fs.rmSync(incoming, { force: true });
      throw err;
    }
    kept = `${live}.before-restore`;
    fs.renameSync(live, kept);
    // Settled above, so these hold nothing; left in place they would be replayed into the restored file.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(live + suffix, { force: true });
  }
  fs.renameSync(incoming, live);
  return { file: live, kept, ...summary, attachments: files };
}

/**
 * Puts the bytes of every attachment the backup's rows refer to into the backup itself, so one
 * file holds everything. Files are content-addressed and never change, so reading them after the
 * snapshot is consistent with it; one purged meanwhile is named as missing instead.
 */
function packAttachments(backupFile: string, dir: string): { files: number; missing: string[] } {
  const db = new SQLite(backupFile, { fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
    if (!hasTable) return { files: 0, missing: [] };
    const hashes = db.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[];
    db.exec(`CREATE TABLE ${FILES_TABLE} (sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL)`);
    const insert = db.prepare(`INSERT INTO ${FILES_TABLE} (sha256, bytes) VALUES (?, ?)`);
    const store = new FileStore(dir);
    const missing: string[] = [];
    let files = 0;
    for (const sha256 of hashes) {
      const source = store.pathOf(sha256);
      if (!fs.existsSync(source)) {
        missing.push(sha256);
        continue;
      }
      insert.run(sha256, fs.readFileSync(source));
      files++;
    }
    return { files, missing };
  } finally {
    db.close();
  }
}

/** Writes a backup's attachment bytes into the attachments directory and takes them out of the database being restored. */
function unpackAttachments(incoming: string, dir: string): number {
  const db = new SQLite(incoming, { fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(FILES_TABLE);
    if (!hasTable) return 0;
    const store = new FileStore(dir);
    let files = 0;
    for (const row of db.prepare(`SELECT sha256, bytes FROM ${FILES_TABLE}`).iterate() as Iterable<{ sha256: string; bytes: Buffer }>) {
      const target = store.pathOf(row.sha256);
      if (!fs.existsSync(target)) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(`${target}.restoring`, row.bytes);
        fs.renameSync(`${target}.restoring`, target);
      }
      files++;
    }
    db.exec(`DROP TABLE ${FILES_TABLE}`);
    db.exec('VACUUM');
    return files;
  } finally {
    db.close();
  }
}

/**
 * Makes sure no process has the live database open and folds its WAL into the main file.
 * A connection in WAL mode holds a shared lock for as long as it is open, so an exclusive lock
 * is refused exactly while a server (or any other process) uses the database.
 */
function settleLiveDatabase(live: string) {
  const db = new SQLite(live, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw refuse(`The database at ${live} is in use; stop ordo serve (and any other ordo command) first, then restore`);
    throw err;
  } finally {
    db.close();
  }
}

/** Tables every Ordo database has had since its first version. */
const ORDO_TABLES = ['kysely_migration', 'users', 'products', 'memberships', 'workflow_states', 'items', 'activity'];

/**
 * Checks that a file is an intact Ordo database and says what it holds; refuses anything else
 * with a message naming what is wrong.
 */
export function describeOrdoDatabase(file: string): { migrations: string[]; products: number; items: number } {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw refuse(`${file} cannot be opened: ${(err as Error).message}`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as Array<{ integrity_check: unknown }>).map((r) => String(r.integrity_check));
    } catch (err) {
      throw refuse(`${file} is not an Ordo backup: ${(err as Error).message}`);
    }
    if (integrity.join() !== 'ok') throw refuse(`${file} is damaged (integrity check: ${integrity.slice(0, 3).join('; ')})`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = ORDO_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      throw refuse(`${file} is an SQLite database but not an Ordo one (it has no ${missing.slice(0, 3).join(', ')} table)`);
    const migrations = db.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
    if (!migrations.includes('001_initial'))
      throw refuse(`${file} is an SQLite database but not an Ordo one (its migrations are not Ordo's)`);
    // Checked before anything is replaced: this version could not start on a newer schema.
    const known = new Set(knownMigrations());
    const newer = migrations.filter((m) => !known.has(m));
    if (newer.length)
      throw refuse(
        `${file} was written by a newer version of Ordo (its schema has ${newer.join(', ')}, which this version does not know); upgrade Ordo, then restore`,
      );
    const count = (table: string) => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    return { migrations, products: count('products'), items: count('items') };
  } finally {
    db.close();
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Registers `ordo backup <file>` and `ordo restore <file>`. */
export function backupCommands(
  program: Command,
  withDb: (cmd: Command) => Command,
  configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config,
) {
  withDb(program.command('backup').description('write a consistent copy of the SQLite database; safe while ordo serve runs'))
    .argument('<file>', 'where to write the backup')
    .action((file: string, opts) => {
      const done = backupDatabase(configFrom(opts), file);
      console.log(
        `Backed up to ${done.file} (${megabytes(done.bytes)}: ${done.products} products, ${done.items} items, ${done.attachments} attached files).`,
      );
      if (done.missingAttachments.length)
        console.warn(
          `${done.missingAttachments.length} attached files were missing from the attachments directory and are not in the backup.`,
        );
    });
  withDb(program.command('restore').description('replace the SQLite database with a backup; stop ordo serve first'))
    .argument('<file>', 'a file written by ordo backup')
    .action(async (file: string, opts) => {
      const done = await restoreDatabase(configFrom(opts), file);
      console.log(`Restored ${done.products} products, ${done.items} items and ${done.attachments} attached files into ${done.file}.`);
      if (done.kept) console.log(`The database it replaced is kept as ${done.kept}.`);
      console.log('Start ordo serve again; it brings the schema up to date if the backup is older.');
    });
}
