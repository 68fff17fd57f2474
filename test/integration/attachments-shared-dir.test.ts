import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../support/harness.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';

/** Two `ordo serve` processes on one PostgreSQL database and one ATTACHMENTS_DIR: a file uploaded through one is served by the other. */
describe.skipIf(!DIALECTS.includes('postgres'))('attachments shared by two server processes', () => {
  let db: FreshDatabase;
  let a: OrdoProcess;
  let b: OrdoProcess;
  let shared: string;
  let auth: { authorization: string };
  let itemKey: string;

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    const ctx: ServiceContext = { db: db.handle.db, dialect: 'postgres', clock: systemClock, bus: new LocalEventBus() };
    const { actor } = await seedUser(ctx, { name: 'Pat Owner', email: 'po@example.com', password: 'correct horse battery', isAdmin: true });
    auth = { authorization: `Bearer ${(await createApiToken(ctx, actor, 'files')).token}` };
    await seedProduct(ctx, actor, { key: 'FILES', name: 'Shared files' });
    shared = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-shared-files-'));
    const env = { ATTACHMENTS_DIR: shared };
    [a, b] = await Promise.all([startOrdo({ databaseUrl: db.url, env }), startOrdo({ databaseUrl: db.url, env })]);
    const item = await fetch(`${a.url}/api/products/FILES/items`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Spec' }),
    });
    itemKey = ((await item.json()) as { key: string }).key;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
    if (shared) fs.rmSync(shared, { recursive: true, force: true });
  });

  it('stores once under its hash whichever process takes it, and either serves it', async () => {
    const bytes = Buffer.from(`the same spec, ${Date.now()}`);
    const upload = (server: OrdoProcess, name: string) =>
      fetch(`${server.url}/api/items/${itemKey}/attachments?name=${name}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/plain' },
        body: new Uint8Array(bytes),
      }).then(async (r) => {
        expect(r.status).toBe(201);
        return (await r.json()) as { url: string };
      });
    // Both processes write the same bytes at once: one file results, and nothing is left half-written.
    const [fromA, fromB] = await Promise.all([upload(a, 'spec-a.txt'), upload(b, 'spec-b.txt')]);
    for (const [server, file] of [
      [b, fromA],
      [a, fromB],
    ] as const) {
      const res = await fetch(`${server.url}${file.url}`, { headers: auth });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
    const stored = (fs.readdirSync(shared, { recursive: true }) as string[]).filter(
      (f) => !f.startsWith('tmp') && fs.statSync(path.join(shared, f)).isFile(),
    );
    expect(stored).toHaveLength(1);
    expect(fs.readdirSync(path.join(shared, 'tmp'))).toEqual([]);
  });
});
