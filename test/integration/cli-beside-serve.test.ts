import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type Actor, type ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { createItem } from '../../src/services/items/create-item.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';
import { REPO_ROOT, runOrdo, startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { SseClient } from '../support/sse.js';

/**
 * How long a stream may take to hear of another process's write: the server looks every 250 ms;
 * the margin is for a busy machine, and stays far below the 15 s heartbeat that was the only way before.
 */
const FOREIGN_WITHIN_MS = 5_000;

/** A SQLite data directory with an admin, an API token and a product of ten items, written before any server runs. */
async function prepare(dir: string) {
  const handle = openDatabase({ dataDir: dir });
  await migrateToLatest(handle.db, 'sqlite');
  const ctx: ServiceContext = { db: handle.db, dialect: 'sqlite', clock: systemClock, bus: new LocalEventBus() };
  const admin = await seedUser(ctx, { name: 'Ada Admin', email: 'ada@example.com', password: 'long enough pw', isAdmin: true });
  const { token } = await createApiToken(ctx, admin.actor, 'test');
  await seedProduct(ctx, admin.actor, { key: 'LIVE', name: 'Live' });
  const keys: string[] = [];
  for (let i = 0; i < 10; i++) keys.push((await createItem(ctx, admin.actor, 'LIVE', { title: `Item ${i}` })).key);
  await handle.close();
  return { token, keys };
}

/** Runs `fn` on a connection of the test's own (another process, as far as the server knows), with its people by e-mail. */
async function asPeople<T>(dir: string, fn: (ctx: ServiceContext, people: Record<string, Actor>) => Promise<T>): Promise<T> {
  return read(dir, async (db) => {
    const rows = await db.selectFrom('users').select(['id', 'name', 'email', 'is_admin']).execute();
    const people = Object.fromEntries(rows.map((r) => [r.email, { userId: r.id, name: r.name, isAdmin: !!r.is_admin }]));
    return fn({ db, dialect: 'sqlite', clock: systemClock, bus: new LocalEventBus() }, people);
  });
}

/** What is in the data directory now, read by a connection of the test's own. */
async function read<T>(dir: string, q: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const handle = openDatabase({ dataDir: dir });
  try {
    return await q(handle.db);
  } finally {
    await handle.close();
  }
}

describe('the CLI writing to SQLite while ordo serve runs on it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-cli-serve-'));
  let server: OrdoProcess | undefined;
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("never makes the server's moves fail with 'database is locked' during ordo demo and ordo user add", async () => {
    const { token, keys } = await prepare(dir);
    server = await startOrdo({ dataDir: dir });
    const where = ['--data-dir', dir];
    let cliDone = false;
    const cli = (async () => {
      const results = await Promise.all([
        runOrdo(['demo', '--product', 'BUSY', ...where]),
        (async () => {
          const out = [];
          for (let i = 0; i < 6; i++)
            out.push(
              await runOrdo(['user', 'add', '--email', `u${i}@example.com`, '--name', `U ${i}`, '--password', 'long enough pw', ...where]),
            );
          return out;
        })(),
      ]);
      cliDone = true;
      return results;
    })();
    const answers: { status: number; body: string }[] = [];
    for (let i = 0; !cliDone; i++) {
      const moving = keys[i % keys.length]!;
      const anchor = keys[(i * 7 + 3) % keys.length]!;
      const res = await fetch(`${server.url}/api/items/${moving}/move`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(moving === anchor ? { position: 'top' } : { after: anchor }),
      });
      answers.push({ status: res.status, body: await res.text() });
    }
    const [demo, adds] = await cli;
    expect(demo.code, demo.stderr).toBe(0);
    expect(adds.map((a) => a.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  }, 300_000);

  it("tells the server's open streams what a CLI command wrote: a reset password ends its user's stream, new events arrive", async () => {
    const added = await runOrdo([
      'user',
      'add',
      '--email',
      'sam@example.com',
      '--name',
      'Sam',
      '--password',
      'long enough pw',
      '--data-dir',
      dir,
    ]);
    expect(added.code, added.stderr).toBe(0);
    const [adminToken, samToken] = await asPeople(dir, (ctx, people) =>
      Promise.all([createApiToken(ctx, people['ada@example.com']!, 'streams'), createApiToken(ctx, people['sam@example.com']!, 'sam')]),
    );
    // Sam reads LIVE as an admin does: what ends his stream is the reset, not a missing role.
    await read(dir, (db) => db.updateTable('users').set({ is_admin: 1 }).where('email', '=', 'sam@example.com').execute());
    const watching = await SseClient.open(`${server!.url}/api/products/LIVE/events`, { authorization: `Bearer ${adminToken.token}` });
    const samStream = await SseClient.open(`${server!.url}/api/products/LIVE/events`, { authorization: `Bearer ${samToken.token}` });
    try {
      // An item written by another process reaches the stream with no write of the server's own after it.
      await asPeople(dir, (ctx, people) => createItem(ctx, people['ada@example.com']!, 'LIVE', { title: 'Written beside the server' }));
      const [event] = await watching.activities(1, FOREIGN_WITHIN_MS);
      expect(event).toMatchObject({ action: 'created' });

      const reset = await runOrdo([
        'user',
        'reset-password',
        '--email',
        'sam@example.com',
        '--password',
        'another long pw',
        '--data-dir',
        dir,
      ]);
      expect(reset.code, reset.stderr).toBe(0);
      await samStream.until(() => samStream.ended, FOREIGN_WITHIN_MS, 'the stream of the user whose password was reset to end');
      expect(watching.ended).toBe(false);
    } finally {
      watching.close();
      samStream.close();
    }
  }, 120_000);

  it('leaves nothing of an ordo demo stopped with Ctrl-C half-way', async () => {
    await read(dir, (db) => migrateToLatest(db, 'sqlite'));
    const before = await read(dir, (db) => db.selectFrom('users').select('id').execute());
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', '--product', 'STOP', '--data-dir', dir], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Once the product has items, the demo is well under way.
    for (;;) {
      const n = await read(dir, (db) =>
        db
          .selectFrom('items')
          .innerJoin('products', 'products.id', 'items.product_id')
          .select('items.id')
          .where('products.key', '=', 'STOP')
          .execute(),
      );
      if (n.length > 20) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toContain('The demo was stopped');
    expect(await read(dir, (db) => db.selectFrom('products').select('id').where('key', '=', 'STOP').execute())).toEqual([]);
    expect(await read(dir, (db) => db.selectFrom('users').select('id').execute())).toEqual(before);
  }, 300_000);
});
