import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../support/harness.js';
import { runOrdo } from '../support/ordo-process.js';
import { openDatabase } from '../../src/db/connection.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { createProduct } from '../../src/services/products/create-product.js';
import { updateProduct } from '../../src/services/products/update-product.js';
import { createUser } from '../../src/services/users.js';
import { restoreDatabase } from '../../src/cli/backup.js';
import { FileStore } from '../../src/services/attachments/file-store.js';
import { uploadAttachment } from '../../src/services/attachments/attachments.js';
import { createItem } from '../../src/services/items/create-item.js';
import { Readable } from 'node:stream';

const productName = async (dataDir: string, key: string) => {
  const handle = openDatabase({ dataDir });
  try {
    return (await handle.db.selectFrom('products').select('name').where('key', '=', key).executeTakeFirst())?.name ?? null;
  } finally {
    await handle.close();
  }
};

describe('ordo backup and ordo restore (SQLite)', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  const setUp = async () => {
    const db: FreshDatabase = await freshDatabase('sqlite');
    cleanup.push(() => db.drop());
    const ctx: ServiceContext = { db: db.handle.db, dialect: 'sqlite', clock: systemClock, bus: new LocalEventBus() };
    const user = await createUser(ctx, { email: 'po@example.com', name: 'Pat', password: 'correct horse battery', isAdmin: true });
    const actor = { userId: user.id, name: user.name, isAdmin: true };
    await createProduct(ctx, actor, { key: 'BAK', name: 'Before the backup' });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-backups-'));
    cleanup.push(() => fs.rmSync(scratch, { recursive: true, force: true }));
    return { db, ctx, actor, dataDir: db.url, scratch };
  };

  it('backs up while the database is in use, and restore brings the backed-up data back', async () => {
    const { db, ctx, actor, dataDir, scratch } = await setUp();
    const backup = path.join(scratch, 'nightly.db');
    const made = await runOrdo(['backup', backup, '--data-dir', dataDir]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('Backed up to');

    await updateProduct(ctx, actor, 'BAK', { name: 'After the backup' });
    await createProduct(ctx, actor, { key: 'NEW', name: 'Made after the backup' });

    // The database is still open here, as it would be under a running server.
    await expect(restoreDatabase({ dataDir }, backup)).rejects.toThrow(/in use; stop ordo serve/);
    await db.handle.close();

    const restored = await runOrdo(['restore', backup, '--data-dir', dataDir]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(await productName(dataDir, 'BAK')).toBe('Before the backup');
    expect(await productName(dataDir, 'NEW')).toBeNull();

    const kept = path.join(dataDir, 'ordo.db.before-restore');
    expect(fs.existsSync(kept)).toBe(true);
    const previous = new SQLite(kept, { readonly: true });
    expect(previous.prepare("SELECT name FROM products WHERE key = 'BAK'").pluck().get()).toBe('After the backup');
    previous.close();
  });

  it('carries the attached files in the backup and puts them back on restore', async () => {
    const { db, ctx, actor, dataDir, scratch } = await setUp();
    ctx.files = new FileStore(path.join(dataDir, 'files'));
    const item = await createItem(ctx, actor, 'BAK', { title: 'With a spec' });
    const bytes = Buffer.from('the spec, version 1');
    const a = await uploadAttachment(ctx, actor, {
      key: item.key,
      name: 'spec.txt',
      contentType: 'text/plain',
      body: Readable.from([bytes]),
    });
    const { sha256 } = await ctx.db.selectFrom('attachments').select('sha256').where('id', '=', a.id).executeTakeFirstOrThrow();
    const backup = path.join(scratch, 'with-files.db');
    const made = await runOrdo(['backup', backup, '--data-dir', dataDir], { ATTACHMENTS_DIR: '' });
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('1 attached files');

    await db.handle.close();
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true });
    const restored = await runOrdo(['restore', backup, '--data-dir', dataDir], { ATTACHMENTS_DIR: '' });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(fs.readFileSync(ctx.files.pathOf(sha256))).toEqual(bytes);
    // The restored database holds rows, not the bytes a second time.
    const live = new SQLite(path.join(dataDir, 'ordo.db'), { readonly: true });
    expect(live.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'ordo_backup_files'").pluck().get()).toBe(0);
    expect(live.prepare('SELECT name FROM attachments').pluck().all()).toEqual(['spec.txt']);
    live.close();
  });

  it('refuses to overwrite an existing backup file', async () => {
    const { dataDir, scratch } = await setUp();
    const backup = path.join(scratch, 'taken.db');
    fs.writeFileSync(backup, 'precious');
    const res = await runOrdo(['backup', backup, '--data-dir', dataDir]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('exists');
    expect(fs.readFileSync(backup, 'utf8')).toBe('precious');
  });

  it('refuses a file that is not an Ordo database and leaves the current one in place', async () => {
    const { db, dataDir, scratch } = await setUp();
    await db.handle.close();

    const junk = path.join(scratch, 'notes.txt');
    fs.writeFileSync(junk, 'Remember to back up Ordo. '.repeat(200));
    const notSqlite = await runOrdo(['restore', junk, '--data-dir', dataDir]);
    expect(notSqlite.code).not.toBe(0);
    expect(notSqlite.stderr).toMatch(/notes\.txt is not an Ordo backup: file is not a database/);

    const other = path.join(scratch, 'other-app.db');
    const foreign = new SQLite(other);
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    foreign.close();
    const notOrdo = await runOrdo(['restore', other, '--data-dir', dataDir]);
    expect(notOrdo.code).not.toBe(0);
    expect(notOrdo.stderr).toMatch(/other-app\.db is an SQLite database but not an Ordo one/);

    expect(await productName(dataDir, 'BAK')).toBe('Before the backup');
    expect(fs.existsSync(path.join(dataDir, 'ordo.db.before-restore'))).toBe(false);
  });

  it('refuses a backup from a newer Ordo, and a look-alike database, before replacing anything', async () => {
    const { db, dataDir, scratch } = await setUp();
    const newer = path.join(scratch, 'from-the-future.db');
    expect((await runOrdo(['backup', newer, '--data-dir', dataDir])).code).toBe(0);
    const future = new SQLite(newer);
    future.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('999_teleportation', new Date().toISOString());
    future.close();
    await db.handle.close();

    const refused = await runOrdo(['restore', newer, '--data-dir', dataDir]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/written by a newer version of Ordo .*999_teleportation.*upgrade Ordo/);

    // Tables named like Ordo's, but not an Ordo database.
    const lookAlike = path.join(scratch, 'look-alike.db');
    const fake = new SQLite(lookAlike);
    fake.exec(
      'CREATE TABLE kysely_migration (name TEXT, timestamp TEXT); CREATE TABLE products (id INTEGER); CREATE TABLE items (id INTEGER)',
    );
    fake.close();
    const notOrdo = await runOrdo(['restore', lookAlike, '--data-dir', dataDir]);
    expect(notOrdo.code).not.toBe(0);
    expect(notOrdo.stderr).toMatch(
      /look-alike\.db is an SQLite database but not an Ordo one \(it has no users, memberships, workflow_states table\)/,
    );

    expect(await productName(dataDir, 'BAK')).toBe('Before the backup');
    expect(fs.existsSync(path.join(dataDir, 'ordo.db.before-restore'))).toBe(false);
  });

  it('points PostgreSQL users to pg_dump and pg_restore and exits non-zero', async () => {
    const res = await runOrdo(['backup', 'ordo.dump', '--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/pg_dump/);
    expect(res.stderr).toMatch(/pg_restore/);
  });
});
