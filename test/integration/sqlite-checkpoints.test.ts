import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addUserByCli, signIn } from '../support/cli.js';
import { OrdoProcess } from '../support/ordo-process.js';

/**
 * `ordo serve` on SQLite copies the write-ahead log back into the database file from a worker
 * thread, within moments of a write, instead of inside the commit that grows the log past 1,000
 * pages (src/db/sqlite-checkpointer.ts). SQLite's own checkpoint would leave a few small writes in
 * the log until then; here the database file takes them while the server runs.
 */
describe('ordo serve on SQLite', () => {
  const server = new OrdoProcess();
  afterAll(() => server.close());

  it('folds its writes into the database file while it runs, and keeps them through kill -9', async () => {
    const added = await addUserByCli(['--data-dir', server.dataDir!], { email: 'bo@example.com', name: 'Bo', password: 'secret pass 1' });
    expect(added.code, added.stderr).toBe(0);
    await server.start();
    const signInBo = () => signIn(server.url, 'bo@example.com', 'secret pass 1');
    const file = path.join(server.dataDir!, 'ordo.db');
    const modified = () => fs.statSync(file).mtimeMs;
    expect((await signInBo()).status).toBe(200);
    // Whatever the start and the first sign-in wrote has reached the file by now.
    await sleep(1_000);
    const before = modified();

    // A sign-in writes its session: a few pages, far below the 1,000 at which SQLite would checkpoint.
    expect((await signInBo()).status).toBe(200);
    expect(await until(() => modified() > before, 10_000)).toBe(true);

    await server.kill();
    await server.restart();
    expect((await signInBo()).status).toBe(200);
  }, 90_000);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it holds or `ms` pass; says whether it held. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() >= end) return false;
    await sleep(50);
  }
  return true;
}
