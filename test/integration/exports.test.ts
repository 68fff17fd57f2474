import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, freshDatabase, type FreshDatabase, type TestUser } from '../support/harness.js';
import { generateDemo } from '../../src/cli/demo.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import type { ServiceContext } from '../../src/services/context.js';
import { exportProduct } from '../../src/services/exports/export-product.js';
import { importOrdo, ordoFile, parseOrdoExport, readOrdoExport } from '../../src/services/imports/import-ordo.js';
import { FileStore } from '../../src/services/attachments/file-store.js';
import type { TOrdoExport } from '../../src/services/exports/ordo-format.js';
import { text } from 'node:stream/consumers';
import { importSettled } from '../../src/services/imports/import-jobs.js';
import { readSnapshot } from '../../src/db/snapshot.js';
import { writeOrdoExport } from '../../src/services/exports/export-json.js';

const ADMIN = { userId: 0, name: 'test', isAdmin: true };
/** bytes that are not text, longer than one piece the writer reads (192 KiB) and not a multiple of 3 */
const BIG = Buffer.from(Array.from({ length: 200_000 + 1 }, (_, i) => (i * 7919) % 256));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function exportOf(ctx: ServiceContext, key: string): Promise<TOrdoExport> {
  const file = await exportProduct(ctx, ADMIN, { key, format: 'json' });
  return parseOrdoExport(await text(file.body));
}

/** Every table's row count, to show a refused import wrote nothing. */
async function counts(ctx: ServiceContext) {
  const tables = ['users', 'products', 'items', 'comments', 'activity', 'workflow_states', 'sprints', 'requests', 'attachments'] as const;
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number(
      (
        await ctx.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return out;
}

describeEachDialect('Ordo export and import', (h) => {
  let admin: TestUser;
  let developer: TestUser;
  let original: TOrdoExport;
  let other: FreshDatabase;
  let otherCtx: ServiceContext;
  let otherFiles: string;

  beforeAll(async () => {
    await generateDemo(h.ctx, { key: 'RT' });
    admin = await h.buildUser({ isAdmin: true });
    developer = await h.buildUser();
    await h.addMember('RT', admin, developer, 'developer');
    // What the demo does not do: links (one removed again, so the log names a link that is gone),
    // an item in the trash, and text a CSV must quote.
    const link = (from: string, kind: string, key: string) =>
      h.api(admin, { method: 'POST', url: `/api/items/${from}/links`, payload: { kind, key } });
    expect((await link('RT-3', 'blocks', 'RT-4')).statusCode).toBe(201);
    expect((await link('RT-5', 'relates', 'RT-6')).statusCode).toBe(201);
    expect((await h.api(admin, { method: 'DELETE', url: '/api/items/RT-5/links/relates/RT-6' })).statusCode).toBe(204);
    const quoted = await h.api(admin, {
      method: 'POST',
      url: '/api/products/RT/items',
      payload: { title: 'Refund, "partial"\nand full', type: 'story' },
    });
    expect(quoted.statusCode, quoted.body).toBe(201);
    expect((await h.api(admin, { method: 'DELETE', url: '/api/items/RT-7' })).statusCode).toBe(204);
    // An epic inside an epic, and a story inside that one.
    const create = async (payload: Record<string, unknown>) => {
      const res = await h.api(admin, { method: 'POST', url: '/api/products/RT/items', payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().key as string;
    };
    const theme = await create({ title: 'Payments, the theme', type: 'epic' });
    const epic = await create({ title: 'Refunds', type: 'epic', parentKey: theme });
    await create({ title: 'Partial refunds', type: 'story', parentKey: epic });
    // An epic whose parent epic comes after it in the file (a reader meets the child first).
    const early = await create({ title: 'Chargebacks', type: 'epic' });
    const late = await create({ title: 'Disputes, the theme', type: 'epic' });
    const moved = await h.api(admin, { method: 'PATCH', url: `/api/items/${early}`, payload: { parentKey: late, version: 1 } });
    expect(moved.statusCode, moved.body).toBe(200);
    // Files on an item: two with the same bytes (stored once), and one bigger than a read of the writer.
    const attach = async (key: string, name: string, body: Buffer) => {
      const res = await h.api(admin, {
        method: 'POST',
        url: `/api/items/${key}/attachments?name=${encodeURIComponent(name)}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await attach(epic, 'notes.txt', Buffer.from('refund rules, draft 1'));
    await attach('RT-3', 'notes copy.txt', Buffer.from('refund rules, draft 1'));
    await attach('RT-3', 'big.bin', BIG);
    original = await exportOf(h.ctx, 'RT');

    other = await freshDatabase(h.dialect);
    otherFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-other-files-'));
    otherCtx = { db: other.handle.db, dialect: h.dialect, clock: h.clock, bus: new LocalEventBus(), files: new FileStore(otherFiles) };
  }, 180_000);

  afterAll(async () => {
    await other?.drop();
    if (otherFiles) fs.rmSync(otherFiles, { recursive: true, force: true });
  });

  it('GET /api/products/{key}/export streams everything as an Ordo export', async () => {
    const res = await h.api(admin, { method: 'GET', url: '/api/products/RT/export?format=json' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="RT-\d{4}-\d{2}-\d{2}\.ordo\.json"$/);
    const file = parseOrdoExport(res.body);
    expect(file.ordoExport).toBe(2);
    expect(file.product.key).toBe('RT');
    for (const section of ['states', 'members', 'releases', 'sprints', 'items', 'comments', 'criteria', 'links'] as const)
      expect(file[section].length, section).toBeGreaterThan(0);
    for (const section of [
      'sprintRecords',
      'questions',
      'decisions',
      'requests',
      'statusUpdates',
      'shareLinks',
      'attachments',
      'activity',
      'people',
    ] as const)
      expect(file[section].length, section).toBeGreaterThan(0);
    expect(file.items.find((i) => i.ref === 7)!.deletedAt).not.toBeNull();
    expect(file.activity.map((a) => a.n)).toEqual(file.activity.map((_, i) => i + 1));
    expect(file.people.map((p) => p.email)).toContain(developer.email);
    const byTitle = (title: string) => file.items.find((i) => i.title === title)!;
    expect(byTitle('Refunds').parent).toBe(byTitle('Payments, the theme').ref);
    expect(byTitle('Partial refunds').parent).toBe(byTitle('Refunds').ref);
    expect(byTitle('Chargebacks').parent).toBe(byTitle('Disputes, the theme').ref);
    // Attachments carry their bytes; people come first, so a reader knows them before any row names them.
    const big = file.attachments.find((a) => a.name === 'big.bin')!;
    expect(Buffer.from(big.content!, 'base64').equals(BIG)).toBe(true);
    expect(big).toMatchObject({ size: BIG.length, sha256: sha(BIG), item: 3 });
    expect(res.body.indexOf('"people"')).toBeLessThan(res.body.indexOf('"states"'));
  });

  it('GET …/export?format=csv has one row per live item with Jira-like columns, quoting what needs it', async () => {
    const res = await h.api(admin, { method: 'GET', url: '/api/products/RT/export?format=csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const body = res.body.replace(/^\uFEFF/, '');
    expect(body.split('\n')[0]).toBe(
      'Issue key,Issue id,Issue Type,Summary,Description,Status,Status Category,Assignee,Reporter,Parent,Sprint,Fix Version/s,Labels,' +
        'Custom field (Story Points),Custom field (Rank),Custom field (Business Value),Custom field (Time Criticality),' +
        'Custom field (Risk Reduction),Custom field (Job Size),Flagged,Created,Updated,Resolved',
    );
    expect(body).toContain('"Refund, ""partial""\nand full"');
    const live = original.items.filter((i) => i.deletedAt === null).length;
    expect(body.match(/^RT-\d+,/gm)).toHaveLength(live);
    expect(body).not.toMatch(/^RT-7,/m);
  });

  it('reads one consistent view on PostgreSQL: a change committed during the export is not half in it', async () => {
    const product = await h.ctx.db.selectFrom('products').selectAll().where('key', '=', 'RT').executeTakeFirstOrThrow();
    const chunks = readSnapshot(h.ctx.db, h.ctx.dialect, (db) => writeOrdoExport(db, h.clock, product, h.ctx.files));
    let json = String((await chunks.next()).value);
    const added = await h.api(admin, {
      method: 'POST',
      url: '/api/products/RT/items',
      payload: { title: 'During the export', type: 'task' },
    });
    expect(added.statusCode).toBe(201);
    for await (const chunk of chunks) json += chunk;
    const file = parseOrdoExport(json);
    const inIt = file.items.some((i) => i.title === 'During the export');
    const logged = file.activity.some((a) => a.after?.key === added.json().key);
    expect(inIt).toBe(logged); // the item and its history come together, or not at all
    if (h.dialect === 'postgres') expect(inIt).toBe(false);
    // A consumer that stops early (a download cancelled) ends the snapshot.
    const abandoned = readSnapshot(h.ctx.db, h.ctx.dialect, (db) => writeOrdoExport(db, h.clock, product, h.ctx.files));
    await abandoned.next();
    await abandoned.return(undefined);
    expect((await h.api(admin, { method: 'DELETE', url: `/api/items/${added.json().key}` })).statusCode).toBe(204);
  });

  it('refuses a developer (403) and a product out of sight (404)', async () => {
    expect((await h.api(developer, { method: 'GET', url: '/api/products/RT/export' })).statusCode).toBe(403);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: '/api/products/RT/export?format=csv' })).statusCode).toBe(404);
  });

  it('imports into an empty Ordo and exports again equal, field by field, ranks and history included', async () => {
    const report = await importOrdo(otherCtx, ADMIN, { file: original });
    expect(report).toMatchObject({
      productKey: 'RT',
      items: original.items.length,
      attachments: 3,
      people: { matched: 0, created: original.people.length },
    });
    // The files are in the new Ordo's store, each once.
    const store = otherCtx.files!;
    expect(fs.readFileSync(store.pathOf(sha(BIG))).equals(BIG)).toBe(true);
    expect(store.has(sha(Buffer.from('refund rules, draft 1')))).toBe(true);
    const again = await exportOf(otherCtx, 'RT');
    const { exportedAt: _a, ...before } = original;
    const { exportedAt: _b, ...after } = again;
    for (const section of Object.keys(before) as (keyof typeof before)[]) expect(after[section], section).toEqual(before[section]);
  });

  it('keeps the backlog order and rebuilds the daily counts of the flow charts', async () => {
    const rows = await otherCtx.db
      .selectFrom('items')
      .select(['key', 'rank', 'state_id'])
      .where('deleted_at', 'is', null)
      .orderBy('rank')
      .execute();
    const source = await h.ctx.db
      .selectFrom('items')
      .innerJoin('products', 'products.id', 'items.product_id')
      .select(['items.key', 'items.rank'])
      .where('products.key', '=', 'RT')
      .where('items.deleted_at', 'is', null)
      .orderBy('items.rank')
      .execute();
    expect(rows.map((r) => r.key)).toEqual(source.map((r) => r.key));
    const flows = await otherCtx.db
      .selectFrom('flow_daily')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(flows.n)).toBeGreaterThan(0);
  });

  it('imports an export of the first version (people last, no attachments) from a file, as a stream', async () => {
    const { attachments: _files, people, ...rest } = original;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-v1-'));
    const file = path.join(dir, 'v1.ordo.json');
    fs.writeFileSync(file, JSON.stringify({ ...rest, ordoExport: 1, people }));
    try {
      const report = await importOrdo(otherCtx, ADMIN, { file: ordoFile(file), key: 'OLDV1' });
      expect(report).toMatchObject({ productKey: 'OLDV1', items: original.items.length, attachments: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const again = await exportOf(otherCtx, 'OLDV1');
    expect(again.items.map((i) => ({ ...i, key: i.key.replace(/^OLDV1-/, 'RT-') }))).toEqual(original.items);
    expect(again.activity).toHaveLength(original.activity.length);
    expect(again.people.map((p) => p.email)).toEqual(original.people.map((p) => p.email));
    expect(again.attachments).toEqual([]);
  });

  it('a failed import leaves no rows and removes the files it wrote', async () => {
    const before = await counts(otherCtx);
    const fresh = Buffer.from('bytes no other attachment has');
    const last = original.activity[original.activity.length - 1]!;
    const broken = {
      ...original,
      attachments: [
        ...original.attachments,
        {
          ...original.attachments[0]!,
          ref: 99,
          name: 'fresh.txt',
          size: fresh.length,
          sha256: sha(fresh),
          content: fresh.toString('base64'),
        },
      ],
      activity: [...original.activity.slice(0, -1), { ...last, at: 5 }],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-broken-'));
    const file = path.join(dir, 'broken.ordo.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    try {
      await expect(importOrdo(otherCtx, ADMIN, { file: ordoFile(file), key: 'BROKEN' })).rejects.toThrow(
        new RegExp(`^activity\\[${original.activity.length - 1}\\]\\.at: `),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(otherCtx.files!.has(sha(fresh))).toBe(false);
    expect(otherCtx.files!.has(sha(BIG))).toBe(true); // the first import's file stays
    const tmp = path.join(otherFiles, 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
    // Bytes that are not the file the row names are refused, naming the row.
    const lying = { ...original, attachments: [{ ...original.attachments[0]!, content: fresh.toString('base64') }] };
    await expect(importOrdo(otherCtx, ADMIN, { file: lying, key: 'LYING' })).rejects.toThrow(/^attachments\[0\]\.content: is not the file/);
    expect(await counts(otherCtx)).toEqual(before);
  });

  it('imports under another key, renaming item keys in the history too', async () => {
    await importOrdo(otherCtx, ADMIN, { file: original, key: 'RENAMED' });
    const again = await exportOf(otherCtx, 'RENAMED');
    expect(again.items.map((i) => i.key)).toEqual(original.items.map((i) => i.key.replace(/^RT-/, 'RENAMED-')));
    const created = again.activity.find((a) => a.entityType === 'item' && a.action === 'created')!;
    expect(String(created.after!.key)).toMatch(/^RENAMED-\d+$/);
    expect(again.people.map((p) => p.email)).toEqual(original.people.map((p) => p.email));
    // The first import holds the share links' token hashes: the copy's links cannot open it, so they come revoked.
    expect(again.shareLinks.length).toBeGreaterThan(0);
    for (const [i, link] of again.shareLinks.entries()) {
      expect(link.tokenHash).not.toBe(original.shareLinks[i]!.tokenHash);
      expect(link.revokedAt).not.toBeNull();
    }
  });

  it('imports through POST /api/products/{key}/imports?format=ordo: a dry run writes nothing, then the import runs as a job', async () => {
    const upload = async (dryRun: boolean) => {
      const res = await h.api(admin, {
        method: 'POST',
        url: `/api/products/VIAAPI/imports?format=ordo&dryRun=${dryRun}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(JSON.stringify(original)),
      });
      expect(res.statusCode, res.body).toBe(202);
      await importSettled(res.json().id);
      return (await h.api(admin, { method: 'GET', url: `/api/imports/${res.json().id}` })).json();
    };
    const planned = await upload(true);
    expect(planned).toMatchObject({
      status: 'done',
      format: 'ordo',
      report: { productKey: 'VIAAPI', counts: { items: original.items.length } },
    });
    expect(planned.report.counts.matchedPeople).toBe(original.people.length);
    expect(await h.ctx.db.selectFrom('products').select('id').where('key', '=', 'VIAAPI').executeTakeFirst()).toBeUndefined();
    const done = await upload(false);
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    const copy = await exportOf(h.ctx, 'VIAAPI');
    expect(copy.items.map((i) => i.title)).toEqual(original.items.map((i) => i.title));
    expect(copy.activity).toHaveLength(original.activity.length);
  });

  it('previews an Ordo export for admins only: its people list says who has an account here', async () => {
    // A lead may create products (and import Jira or Trello into them), but not bring people along.
    const lead = await h.buildUser({ name: 'Lee Lead' });
    const { key } = await h.buildProduct(admin);
    await h.addMember(key, admin, lead, 'lead');
    const res = await h.api(lead, {
      method: 'POST',
      url: `/api/products/PEEKPPL/imports?format=ordo&dryRun=true`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(JSON.stringify(original)),
    });
    const job =
      res.statusCode === 202
        ? (await importSettled(res.json().id), (await h.api(lead, { method: 'GET', url: `/api/imports/${res.json().id}` })).json())
        : res.json();
    expect(JSON.stringify(job)).toMatch(/Only an admin can import an Ordo export/);
    expect(job.report ?? null).toBeNull();
  });

  it('refuses a taken key, a file that is not an export and a broken reference, writing nothing', async () => {
    const before = await counts(otherCtx);
    await expect(importOrdo(otherCtx, ADMIN, { file: original })).rejects.toThrow(/Product key RT is taken/);
    expect(() => parseOrdoExport('{"cards": []}')).toThrow(/not an Ordo export/);
    expect(() => parseOrdoExport('{"ordoExport": 1, "items": [')).toThrow(/is not JSON/);
    expect(() => parseOrdoExport(JSON.stringify({ ...original, items: [{ ...original.items[0], title: 7 }] }))).toThrow(
      /^items\[0\]\.title/,
    );
    // Streamed, as the import jobs and the CLI read a file: the same export, the same errors.
    const streamed = (text: string) => readOrdoExport(Readable.from(text.match(/[\s\S]{1,1000}/g) ?? []));
    expect(await streamed(JSON.stringify(original))).toEqual(parseOrdoExport(JSON.stringify(original)));
    await expect(streamed('{"ordoExport": 1, "items": [')).rejects.toThrow(/is not JSON/);
    await expect(streamed('{"cards": []}')).rejects.toThrow(/not an Ordo export/);
    await expect(streamed(JSON.stringify({ ...original, items: [{ ...original.items[0], title: 7 }] }))).rejects.toThrow(
      /^items\[0\]\.title/,
    );
    // Read as a stream and written as it is read: sections out of the writer's order are refused, naming the section.
    const { activity, ordoExport: _v, exportedAt, product, people, ...rest } = original;
    const reordered = JSON.stringify({ ordoExport: 2, exportedAt, product, people, activity, ...rest });
    await expect(importOrdo(otherCtx, ADMIN, { file: { open: () => Readable.from([reordered]) }, key: 'ORDER' })).rejects.toThrow(
      /^states: must come before activity/,
    );
    const broken = { ...original, items: [...original.items.slice(0, 5), { ...original.items[5]!, state: 999 }] };
    await expect(importOrdo(otherCtx, ADMIN, { file: broken, key: 'BROKEN' })).rejects.toThrow(/items\[5\]\.state: names state 999/);
    expect(await counts(otherCtx)).toEqual(before);
  });
});
