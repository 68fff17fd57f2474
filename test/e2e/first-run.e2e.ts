import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** Scenario 1 and 2: a fresh install, its first admin, a product, and a backlog put in order. */
describe('first run: the owner sets up Ordo and orders a backlog', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let page: Page;
  let api: Api;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rowTitles = () => page.locator('.backlog-row:not(.is-pending) .row-title').allTextContents();

  it('sends the first visitor to setup, which takes the token from the server log and signs the admin in', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByLabel('Setup token').fill('not-the-token');
    await page.getByLabel('Your name').fill('Ann Owner');
    await page.getByLabel('Email').fill('ann@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect.poll(() => page.locator('.field-error').textContent()).toBe('Setup token is wrong');

    await page.getByLabel('Setup token').fill(server.setupToken);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByRole('heading', { name: 'No products yet' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // Seeding from here on goes through the API as this admin.
    const res = await page.request.post('/api/tokens', { data: { name: 'e2e' }, headers: { origin: server.url } });
    api = new Api(server.url, ((await res.json()) as { token: string }).token);
  });

  it('creates a product, showing the server’s field errors inline', async () => {
    await page.getByRole('button', { name: '+ New product' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByLabel('Name').fill('Payments');
    await dialog.getByLabel('Key').fill('9PAY');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await dialog.getByText('must be 2–10 capital letters or digits, starting with a letter').waitFor();

    await dialog.getByLabel('Key').fill('PAY');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL('**/p/PAY/backlog');
    await page.getByRole('heading', { name: 'No items yet' }).waitFor();
    await expect
      .poll(() =>
        page
          .getByRole('navigation', { name: 'Products' })
          .getByRole('link', { name: /Payments/ })
          .count(),
      )
      .toBe(1);
  });

  it('adds items with a title and Enter, each landing after the one before, the input ready for the next', async () => {
    const input = page.getByTestId('quick-add');
    await input.click();
    for (const title of ['Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV']) {
      await input.fill(title);
      await input.press('Enter');
    }
    await expect.poll(rowTitles).toEqual(['Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV']);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await api.order('PAY')).toEqual(['Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV']);
  });

  it('reorders by dragging a row with the mouse, and the server keeps the new order', async () => {
    const source = page.locator('.backlog-row', { hasText: 'Export statements as CSV' });
    const target = page.locator('.backlog-row', { hasText: 'Refund to original card' });
    const from = (await source.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + 200, from.y + from.height / 2);
    await page.mouse.down();
    // Native drag and drop starts after the pointer has moved a little; then hover the target's upper half.
    await page.mouse.move(from.x + 200, from.y + from.height / 2 - 10, { steps: 5 });
    await page.mouse.move(to.x + 200, to.y + 6, { steps: 10 });
    await page.locator('.drop-line.drop-top').waitFor();
    await page.mouse.up();

    await expect.poll(rowTitles).toEqual(['Export statements as CSV', 'Refund to original card', 'Duplicate charge on retry']);
    await expect.poll(() => api.order('PAY')).toEqual(['Export statements as CSV', 'Refund to original card', 'Duplicate charge on retry']);
  });

  it('moves items from the keyboard: j/k move the cursor, Alt+↑ moves the item up, t sends it to the top', async () => {
    await page.locator('.backlog-row', { hasText: 'Export statements as CSV' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.backlog-row.is-cursor .row-title').textContent()).toBe('Duplicate charge on retry');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(rowTitles).toEqual(['Export statements as CSV', 'Duplicate charge on retry', 'Refund to original card']);
    await expect.poll(() => api.order('PAY')).toEqual(['Export statements as CSV', 'Duplicate charge on retry', 'Refund to original card']);

    await page.keyboard.press('k');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('t');
    await expect.poll(() => api.order('PAY')).toEqual(['Refund to original card', 'Export statements as CSV', 'Duplicate charge on retry']);
    await expect.poll(rowTitles).toEqual(['Refund to original card', 'Export statements as CSV', 'Duplicate charge on retry']);
  });

  it('counts every keyboard move, even two pressed before the list renders again', async () => {
    await expect.poll(() => page.locator('.backlog-row.is-cursor .row-title').textContent()).toBe('Refund to original card');
    // Two Alt+↓ in one task: the second comes before React has rendered the first.
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++)
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }));
    });
    await expect.poll(rowTitles).toEqual(['Export statements as CSV', 'Duplicate charge on retry', 'Refund to original card']);
    await expect.poll(() => api.order('PAY')).toEqual(['Export statements as CSV', 'Duplicate charge on retry', 'Refund to original card']);
  });

  it('keeps the place and the filters on reload', async () => {
    await page.getByRole('button', { name: /^Type/ }).click();
    await page.locator('.menu-popover').getByRole('option', { name: 'Story' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Search items').fill('refund');
    await page.waitForURL(/q=refund/);
    await expect.poll(rowTitles).toEqual(['Refund to original card']);
    await page.reload();
    await expect.poll(rowTitles).toEqual(['Refund to original card']);
    expect(await page.getByLabel('Search items').inputValue()).toBe('refund');
    await page.goBack();
    await expect.poll(rowTitles).toHaveLength(3);
  });
});
