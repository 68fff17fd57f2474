import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, describeEachDialect, DIALECTS, type Harness, type TestUser } from '../support/harness.js';
import { purgeAttachments } from '../../src/services/attachments/attachments.js';
import { mutate } from '../../src/services/context.js';

/** The smallest valid PNG: one transparent pixel. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const HTML = Buffer.from('<!doctype html><script>localStorage.setItem("pwned", "1")</script><h1>hi</h1>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const upload = (h: Harness, user: TestUser, key: string, name: string, body: Buffer, type: string) =>
  h.api(user, {
    method: 'POST',
    url: `/api/items/${key}/attachments?name=${encodeURIComponent(name)}`,
    headers: { 'content-type': type },
    payload: body,
  });

/** Every file under the store's directory, temporary ones included. */
const filesIn = (dir: string): string[] =>
  fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];

describeEachDialect('attachments', (h) => {
  let owner: TestUser, dev: TestUser, viewer: TestUser, stranger: TestUser, key: string, itemKey: string;
  beforeAll(async () => {
    owner = await h.buildUser({ name: 'Olivia' });
    ({ key } = await h.buildProduct(owner));
    dev = await h.buildUser({ name: 'Dev' });
    viewer = await h.buildUser({ name: 'Viewer' });
    stranger = await h.buildUser({ name: 'Stranger' });
    await h.addMember(key, owner, dev, 'developer');
    await h.addMember(key, owner, viewer, 'viewer');
    itemKey = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'With files' } })).json().key;
  });

  it('takes an image and serves it inline, to readers of the item only, with nosniff and a sandboxing CSP', async () => {
    const res = await upload(h, dev, itemKey, 'screen shot [1].png', PNG, 'image/png');
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ name: 'screen shot [1].png', contentType: 'image/png', size: PNG.length, inline: true, itemKey });
    expect(a.url).toBe(`/api/attachments/${a.id}/screen%20shot%20%5B1%5D.png`);
    expect(a.markdown).toBe(`![screen shot \\[1\\].png](${a.url})`);

    const got = await h.api(viewer, { method: 'GET', url: a.url });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^inline;/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);

    expect((await h.api(stranger, { method: 'GET', url: a.url })).statusCode).toBe(404);
    expect((await h.api(null, { method: 'GET', url: a.url })).statusCode).toBe(401);
    expect((await upload(h, stranger, itemKey, 'x.png', PNG, 'image/png')).statusCode).toBe(404);
    expect((await upload(h, viewer, itemKey, 'x.png', PNG, 'image/png')).statusCode).toBe(403);
    const list = (await h.api(viewer, { method: 'GET', url: `/api/items/${itemKey}/attachments` })).json().items;
    expect(list.map((x: { id: number }) => x.id)).toContain(a.id);
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${itemKey}/attachments` })).statusCode).toBe(404);
  });

  it('serves HTML, SVG and a page pretending to be a PNG only as downloads', async () => {
    for (const [name, body, type, stored] of [
      ['page.html', HTML, 'text/html', 'text/html'],
      ['logo.svg', SVG, 'image/svg+xml', 'image/svg+xml'],
      ['fake.png', HTML, 'image/png', 'application/octet-stream'],
      ['notes.xhtml', HTML, 'application/xhtml+xml', 'application/xhtml+xml'],
    ] as const) {
      const a = (await upload(h, dev, itemKey, name, body, type)).json();
      expect(a, name).toMatchObject({ contentType: stored, inline: false });
      expect(a.markdown).toBe(`[${name}](${a.url})`);
      const got = await h.api(dev, { method: 'GET', url: a.url });
      expect(got.headers['content-type'], name).toBe(stored);
      expect(got.headers['content-disposition'], name).toMatch(/^attachment; filename="/);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    }
  });

  it('keeps one copy of the same bytes, and refuses names with slashes', async () => {
    const before = filesIn(h.ctx.files!.dir).length;
    const a = (await upload(h, dev, itemKey, 'again-1.bin', Buffer.from('same bytes'), 'application/octet-stream')).json();
    const b = (await upload(h, owner, itemKey, 'again-2.bin', Buffer.from('same bytes'), 'application/octet-stream')).json();
    expect(a.id).not.toBe(b.id);
    expect(filesIn(h.ctx.files!.dir).length).toBe(before + 1);
    expect((await upload(h, dev, itemKey, '../etc/passwd', Buffer.from('x'), 'text/plain')).statusCode).toBe(400);
  });

  it('is gone with its item: 404 once the item is deleted, and purged rows take their unused files', async () => {
    const item = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Doomed' } })).json();
    const unique = Buffer.from(`only here ${Math.random()}`);
    const a = (await upload(h, dev, item.key, 'only.txt', unique, 'text/plain')).json();
    const shared = (await upload(h, dev, item.key, 'shared.png', PNG, 'image/png')).json();
    await upload(h, dev, itemKey, 'elsewhere.png', PNG, 'image/png');
    const del = await h.api(owner, { method: 'DELETE', url: `/api/items/${item.key}`, headers: { 'if-match': String(item.version) } });
    expect(del.statusCode).toBe(204);
    expect((await h.api(owner, { method: 'GET', url: a.url })).statusCode).toBe(404);

    const hashOf = async (id: number) =>
      (await h.ctx.db.selectFrom('attachments').select('sha256').where('id', '=', id).executeTakeFirstOrThrow()).sha256;
    const onlyFile = h.ctx.files!.pathOf(await hashOf(a.id));
    const sharedFile = h.ctx.files!.pathOf(await hashOf(shared.id));
    const { id: itemId } = await h.ctx.db.selectFrom('items').select('id').where('key', '=', item.key).executeTakeFirstOrThrow();
    await mutate(h.ctx, (tx) => purgeAttachments(tx, h.ctx.db, [itemId]));
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(onlyFile)).toBe(false);
    // The same image is still attached to another item.
    expect(fs.existsSync(sharedFile)).toBe(true);
  });

  it('streams a large upload over real HTTP', async () => {
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 7);
    const res = await fetch(`${base}/api/items/${itemKey}/attachments?name=big.bin`, {
      method: 'POST',
      headers: { ...dev.auth, 'content-type': 'application/octet-stream' },
      body: big,
    });
    expect(res.status).toBe(201);
    const a = await res.json();
    expect(a.size).toBe(big.length);
    const back = Buffer.from(await (await fetch(`${base}${a.url}`, { headers: dev.auth })).arrayBuffer());
    expect(back.equals(big)).toBe(true);
  });
});

for (const dialect of DIALECTS) {
  describe(`attachments over the size limit [${dialect}]`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect, { attachmentMaxBytes: 1000 });
    }, 60_000);
    afterAll(() => h.close());

    it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and a clear message, and keeps nothing of it', async () => {
      const { key, owner } = await h.buildProduct();
      const item = (
        await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Small files only' } })
      ).json();
      const res = await upload(h, owner, item.key, 'big.bin', Buffer.alloc(1001), 'application/octet-stream');
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toMatch(/larger than .* the most Ordo accepts/);
      // Without a Content-Length the limit is found while streaming; the partial file is removed, and the
      // client still hears 413 rather than a reset connection.
      const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
      const chunks = async function* () {
        // Far more than the limit, so the client is still sending when the server refuses.
        for (let i = 0; i < 200; i++) yield new Uint8Array(64 * 1024);
      };
      const streamed = await fetch(`${base}/api/items/${item.key}/attachments?name=big.bin`, {
        method: 'POST',
        headers: { ...owner.auth, 'content-type': 'application/octet-stream' },
        body: ReadableStreamFrom(chunks()),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(filesIn(h.ctx.files!.dir)).toEqual([]);
      expect((await upload(h, owner, item.key, 'ok.bin', Buffer.alloc(1000), 'application/octet-stream')).statusCode).toBe(201);
    });
  });
}

function ReadableStreamFrom(it: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = it[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
}
