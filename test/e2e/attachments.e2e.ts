import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAttachment } from '../../src/contract/attachments.js';
import type { TItem } from '../../src/contract/items.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** One transparent pixel: the smallest real PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
// Both would mark the browser's storage for Ordo's origin (and call home) if they ever ran there.
const HTML = '<!doctype html><script>localStorage.setItem("pwned", "html"); fetch("/api/me?from=html")</script><h1>Hello</h1>';
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>localStorage.setItem("pwned", "svg"); fetch("/api/me?from=svg")</script></svg>';

/** Drops files on an element as a person dragging them from their desktop would. */
async function dropFiles(page: Page, selector: string, files: { name: string; type: string; text?: string; base64?: string }[]) {
  await page.locator(selector).evaluate((el, list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = f.base64 ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : new TextEncoder().encode(f.text ?? '');
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** Pastes an image as a screenshot tool puts one on the clipboard: a file named image.png. */
async function pasteImage(page: Page, selector: string, base64: string) {
  await page.locator(selector).evaluate((el, data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, base64);
}

describe('attachments', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let dev: Page;
  let stranger: Page;
  let itemKey: string;
  const pings: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    ({ api } = await Api.setup(server.url, server.setupToken));
    await api.createProduct('PAY', 'Payments');
    const devUser = await api.createUser('Dev Patel', 'dev@example.com');
    await api.addMember('PAY', devUser.email, 'developer');
    const strangerUser = await api.createUser('Stan Stranger', 'stan@example.com');
    itemKey = (await api.createItem('PAY', { title: 'Receipt layout is broken' })).key;
    const devContext = await signedInContext(browser, server.url, devUser);
    devContext.on('request', (r) => {
      if (/from=(html|svg)/.test(r.url())) pings.push(r.url());
    });
    dev = await devContext.newPage();
    stranger = await (await signedInContext(browser, server.url, strangerUser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a screenshot dropped into the description is uploaded, inserted as Markdown and shown inline', async () => {
    await dev.goto(`/p/PAY/items/${itemKey}`);
    await dev.getByRole('button', { name: 'Add a description' }).click();
    const editor = dev.getByRole('textbox', { name: 'Description' });
    await editor.fill('The total overlaps the logo:\n');
    await dropFiles(dev, 'textarea[aria-label="Description"]', [{ name: 'receipt.png', type: 'image/png', base64: PNG_BASE64 }]);
    await expect.poll(() => editor.inputValue()).toMatch(/!\[receipt\.png\]\(\/api\/attachments\/\d+\/receipt\.png\)/);
    await dev.getByRole('button', { name: 'Save', exact: true }).click();
    const img = dev.locator('.item-description img[alt="receipt.png"]');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    const saved = await api.ok<TItem>('GET', `/api/items/${itemKey}`);
    expect(saved.description).toMatch(/^The total overlaps the logo:\n!\[receipt\.png\]/);
  });

  it('a file picked for a comment becomes a link; an uploaded page or SVG never runs script in Ordo, opened or shown', async () => {
    await dev.goto(`/p/PAY/items/${itemKey}`);
    const comment = dev.getByRole('textbox', { name: 'Comment' });
    await comment.click();
    await dev.locator('input[type=file][aria-label="Attach files to the comment"]').setInputFiles([
      { name: 'evil.html', mimeType: 'text/html', buffer: Buffer.from(HTML) },
      { name: 'evil.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG) },
    ]);
    await expect.poll(() => comment.inputValue()).toMatch(/\[evil\.html\]\(\/api\/attachments\/\d+\/evil\.html\)\n\[evil\.svg\]/);
    // The SVG, even written as an image, is refused as one: it is served as a download.
    await comment.press('End');
    await comment.pressSequentially(`\n![as image](${(await comment.inputValue()).match(/\(([^)]*evil\.svg)\)/)![1]})`);
    await dev.getByRole('button', { name: 'Comment', exact: true }).click();
    const link = dev.locator('.comment-body a', { hasText: 'evil.html' });
    await link.waitFor();
    const files = (await api.ok<{ items: TAttachment[] }>('GET', `/api/items/${itemKey}/attachments`)).items;
    const html = files.find((f) => f.name === 'evil.html')!;
    const svg = files.find((f) => f.name === 'evil.svg')!;
    expect(await link.getAttribute('href')).toBe(html.url);

    // Opened directly, each is a download, never a page of Ordo's origin.
    for (const file of [html, svg]) {
      const [download] = await Promise.all([dev.waitForEvent('download'), dev.goto(file.url).catch(() => null)]);
      expect(download.suggestedFilename()).toBe(file.name);
      const res = await dev.request.get(file.url);
      expect(res.headers()['content-disposition']).toMatch(/^attachment/);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      expect(res.headers()['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    }
    await dev.goto(`/p/PAY/items/${itemKey}`);
    await dev.locator('.comment-body a', { hasText: 'evil.html' }).waitFor();
    expect(await dev.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
    expect(pings).toEqual([]);
  });

  it('a screenshot pasted into a comment is uploaded under a name of its own and shown inline', async () => {
    await dev.goto(`/p/PAY/items/${itemKey}`);
    const comment = dev.getByRole('textbox', { name: 'Comment' });
    await comment.click();
    await comment.fill('Pasted from the clipboard:\n');
    await pasteImage(dev, 'textarea[aria-label="Comment"]', PNG_BASE64);
    await expect.poll(() => comment.inputValue()).toMatch(/!\[Pasted [\d-]+ [\d.]+\.png\]\(\/api\/attachments\/\d+\//);
    await dev.getByRole('button', { name: 'Comment', exact: true }).click();
    const img = dev.locator('.comment-body img[alt^="Pasted"]');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
  });

  it('a stranger to the product gets 404 for the file and the list', async () => {
    const files = (await api.ok<{ items: TAttachment[] }>('GET', `/api/items/${itemKey}/attachments`)).items;
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect((await stranger.request.get(f.url)).status()).toBe(404);
    expect((await stranger.request.get(`/api/items/${itemKey}/attachments`)).status()).toBe(404);
  });
});
