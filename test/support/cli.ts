import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Dialect } from '../../src/db/dialect.js';
import { freshDatabase } from './harness.js';
import { runOrdo } from './ordo-process.js';

/**
 * What the tests of one-shot `ordo` commands share: a fresh place to write (a SQLite data folder
 * or a PostgreSQL database) given as the command's arguments, and a first user made the way an
 * operator makes one.
 */

/** Returns a maker of fresh `--data-dir`/`--database-url` arguments; what it made is removed after the enclosing describe. */
export function cliTargets(dialect: Dialect): () => Promise<string[]> {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
  return async () => {
    if (dialect === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-cli-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      return ['--data-dir', dir];
    }
    const db = await freshDatabase('postgres');
    await db.handle.close();
    cleanups.push(db.drop);
    return ['--database-url', db.url];
  };
}

export interface CliPerson {
  email: string;
  name: string;
  password: string;
  admin?: boolean;
}

/** `ordo user add` with `where` (a target's arguments); resolves to the command's outcome. */
export function addUserByCli(where: string[], p: CliPerson) {
  return runOrdo([
    'user',
    'add',
    '--email',
    p.email,
    '--name',
    p.name,
    '--password',
    p.password,
    ...(p.admin ? ['--admin'] : []),
    ...where,
  ]);
}

/** Signs in through the server at `url` as a browser on that origin would; the response, to assert on. */
export function signIn(url: string, email: string, password: string): Promise<Response> {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
}
