/**
 * The screenshots of the accounts and attachments screens in docs/screenshots/ (People, Profile, an
 * item with an inline image and an attached file), light, dark and at a phone's width:
 * `node --import tsx test/e2e/accounts-screenshots.ts`. Builds the web app first when it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Api } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import buildWeb from './support/build-web.js';
import { startOrdo } from '../support/ordo-process.js';
import { deflateSync } from 'node:zlib';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** A small PNG drawn here (a receipt-like card), so the screenshot shows a real inline image. */
function receiptPng(width = 360, height = 180): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const header = y < 36;
      const line = !header && y % 24 > 14 && y % 24 < 19 && x > 24 && x < (y % 48 > 24 ? 250 : 300);
      const total = y > 150 && y < 162 && x > 200 && x < 330;
      const [r, g, b] = header ? [91, 91, 214] : line ? [200, 200, 210] : total ? [212, 47, 58] : [250, 250, 252];
      row[1 + x * 3] = r!;
      row[2 + x * 3] = g!;
      row[3 + x * 3] = b!;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function upload(url: string, token: string, key: string, name: string, type: string, body: Buffer) {
  const res = await fetch(`${url}/api/items/${key}/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Uint8Array(body),
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { markdown: string };
}

async function main() {
  buildWeb();
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startOrdo();
  let browser: Browser | undefined;
  try {
    const setup = await Api.setup(server.url, server.setupToken);
    const { api, admin } = setup;
    await api.createProduct('PAY', 'Payments');
    for (const [name, email, role] of [
      ['Sara Kim', 'sara@example.com', 'developer'],
      ['Omar Ali', 'omar@example.com', 'developer'],
      ['Lena Weiss', 'lena@example.com', 'qa'],
      ['Tom Berg', 'tom@example.com', 'stakeholder'],
    ] as const) {
      await api.createUser(name, email);
      await api.addMember('PAY', email, role);
    }
    const users = await api.ok<{ items: { id: number; name: string }[] }>('GET', '/api/users');
    const id = (name: string) => users.items.find((u) => u.name === name)!.id;
    await api.ok('PUT', `/api/users/${id('Lena Weiss')}/admin`, { isAdmin: true });
    await api.ok('POST', `/api/users/${id('Tom Berg')}/deactivate`);
    await api.ok('POST', `/api/users/${id('Omar Ali')}/reset-password`);

    const item = await api.createItem('PAY', { title: 'Receipt total overlaps the logo on narrow printers' });
    const token = (api as unknown as { token: string }).token;
    const image = await upload(server.url, token, item.key, 'receipt-80mm.png', 'image/png', receiptPng());
    const spec = await upload(server.url, token, item.key, 'printer-spec.pdf', 'application/pdf', Buffer.from('%PDF-1.4 spec'));
    await api.ok('PATCH', `/api/items/${item.key}`, {
      version: item.version,
      description: `On 80 mm printers the total is printed over the logo:\n\n${image.markdown}\n\nThe printer's margins are in ${spec.markdown}.`,
    });
    await api.ok('POST', `/api/items/${item.key}/comments`, { body: `Same on the 58 mm model; the vendor's notes: ${spec.markdown}` });

    browser = await launchBrowser();
    const phone = { width: 390, height: 844 };
    const shot = async (
      name: string,
      colorScheme: 'light' | 'dark',
      url: string,
      ready: string,
      viewport = { width: 1280, height: 800 },
      act?: (page: Page) => Promise<void>,
    ) => {
      const context = await browser!.newContext({ baseURL: server.url, viewport, colorScheme });
      await context.request.post('/api/auth/login', {
        data: { email: admin.email, password: admin.password },
        headers: { origin: server.url },
      });
      const page = await context.newPage();
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      if (act) await act(page);
      await page.mouse.move(0, viewport.height - 1);
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      console.log(`docs/screenshots/${name}.png`);
      await context.close();
    };
    for (const scheme of ['light', 'dark'] as const) {
      await shot(`people-${scheme}`, scheme, '/users', '.users-table .user-actions');
      await shot(`profile-${scheme}`, scheme, '/profile', '.session-list li');
      await shot(`attachments-${scheme}`, scheme, `/p/PAY/items/${item.key}`, '.item-description img');
    }
    await shot('people-phone', 'light', '/users', '.users-table .user-actions', phone);
    await shot('profile-phone', 'light', '/profile', '.session-list li', phone);
    await shot('attachments-phone', 'light', `/p/PAY/items/${item.key}`, '.item-description img', phone);
    await shot('people-reset-light', 'light', '/users', '.users-table .user-actions', undefined, async (page) => {
      await page.getByRole('button', { name: 'Manage Sara Kim' }).click();
      await page.getByRole('option', { name: 'Reset password…' }).click();
      await page.getByRole('button', { name: 'Reset password' }).click();
      await page.getByTestId('generated-password').waitFor();
    });
    await shot('attachments-editing-light', 'light', `/p/PAY/items/${item.key}`, '.item-description img', undefined, async (page) => {
      const comment = page.getByRole('textbox', { name: 'Comment' });
      await comment.click();
      await comment.fill('The vendor says 4 mm on each side:\n![receipt-58mm.png](/api/attachments/1/receipt-80mm.png)');
      await page.getByRole('button', { name: 'Attach files' }).last().waitFor();
      await page.locator('.comment-compose').scrollIntoViewIfNeeded();
    });
  } finally {
    await browser?.close();
    await server.close();
  }
}

await main();
