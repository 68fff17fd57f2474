import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { seriousViolations } from './support/a11y.js';
import { launchBrowser } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The main flows on a phone (390 × 844) and a tablet (768 × 1024): nothing cut off, nothing on top of anything else. */
describe('on a phone and a narrow window', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    admin = setup.admin;
    const api = setup.api;
    await api.createProduct('PAY', 'Payments and refunds for every merchant');
    await api.createProduct('MOB', 'Mobile app');
    for (const [i, title] of ['Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV'].entries())
      await api.createItem('PAY', { title, estimate: i + 1, labels: ['billing', 'api', 'export'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phonePage(viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: server.url, viewport, colorScheme: 'light', hasTouch: true, isMobile: true });
    const res = await context.request.post('/api/auth/login', {
      data: { email: admin.email, password: admin.password },
      headers: { origin: server.url },
    });
    expect(res.status()).toBe(200);
    return { context, page: await context.newPage() };
  }

  /** Nothing sticks out sideways: the page itself never scrolls horizontally. */
  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['tablet', TABLET],
  ] as const) {
    it(`opens the products from a menu, and the top bar keeps the product, the live state and the account apart [${name}]`, async () => {
      const { context, page } = await phonePage(viewport);
      await page.goto('/p/PAY/backlog');
      await page.locator('.backlog-row').first().waitFor();
      await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor();
      expect(await page.locator('.sidebar').isVisible()).toBe(false);
      const boxes = await Promise.all(
        ['.product-title', '[data-testid="live-indicator"]', '.user-trigger', '[data-testid="menu-button"]'].map(
          async (s) => (await page.locator(s).boundingBox())!,
        ),
      );
      for (let i = 0; i < boxes.length; i++) {
        expect(boxes[i]!.x + boxes[i]!.width).toBeLessThanOrEqual(viewport.width);
        for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `top bar parts ${i} and ${j}`).toBe(false);
      }
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

      // The tabs scroll sideways in their own row.
      const tabs = page.locator('.topbar .tabs');
      expect(await tabs.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(viewport.width < 700);
      await tabs.getByRole('link', { name: 'Settings' }).scrollIntoViewIfNeeded();
      expect(await tabs.getByRole('link', { name: 'Settings' }).isVisible()).toBe(true);

      await page.getByTestId('menu-button').click();
      await page.locator('.sidebar.is-open').waitFor();
      expect(await page.getByTestId('menu-button').getAttribute('aria-expanded')).toBe('true');
      await page
        .locator('.sidebar')
        .getByRole('link', { name: /Mobile app/ })
        .click();
      await page.waitForURL('**/p/MOB/backlog');
      await expect.poll(() => page.locator('.sidebar').isVisible()).toBe(false);
      // Esc closes it too, and gives the focus back to the button.
      await page.getByTestId('menu-button').click();
      await page.locator('.sidebar.is-open').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.sidebar').isVisible()).toBe(false);
      await context.close();
    });
  }

  it('adds an item and opens it in one column; the backlog rows fit the screen', async () => {
    const { context, page } = await phonePage();
    await page.goto('/p/PAY/backlog');
    await page.locator('.backlog-row').first().waitFor();
    await page.getByTestId('quick-add').fill('Added on the bus');
    await page.getByTestId('quick-add').press('Enter');
    const row = page.locator('.backlog-row', { hasText: 'Added on the bus' });
    await row.waitFor();
    for (const r of await page.locator('.backlog-row').all()) {
      const box = (await r.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await page.locator('.backlog-row .row-labels').first().isVisible()).toBe(false);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await row.locator('.row-key').click();
    await page.locator('.item-title').waitFor();
    const main = (await page.locator('.item-main').boundingBox())!;
    const props = (await page.locator('.item-props').boundingBox())!;
    expect(props.y).toBeGreaterThanOrEqual(main.y + main.height - 1);
    expect(main.width).toBeLessThanOrEqual(PHONE.width);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('scrolls the board column by column, snapping each into place', async () => {
    const { context, page } = await phonePage();
    await page.goto('/p/PAY/board');
    await page.locator('.card').first().waitFor();
    const board = page.getByTestId('board');
    expect(await board.evaluate((el) => getComputedStyle(el).scrollSnapType)).toBe('x mandatory');
    const column = (await page.locator('.column-head').first().boundingBox())!;
    expect(column.width).toBeLessThan(PHONE.width);
    expect(column.width).toBeGreaterThan(PHONE.width * 0.7);
    // A nudge past half a column lands on the next column's start.
    await board.evaluate((el, dx) => el.scrollBy({ left: dx, behavior: 'instant' as ScrollBehavior }), column.width * 0.6);
    await expect
      .poll(async () => {
        const [second, area] = await Promise.all([page.locator('.column-head').nth(1).boundingBox(), board.boundingBox()]);
        return Math.round(second!.x - area!.x);
      })
      .toBe(12);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('fits a dialog on the screen', async () => {
    const { context, page } = await phonePage();
    await page.goto('/');
    await page.getByTestId('menu-button').click();
    await page.locator('.sidebar').getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await context.close();
  });

  it('keeps the phone layout free of serious accessibility problems, the menu open included', async () => {
    const { context, page } = await phonePage();
    const found: string[] = [];
    for (const [path, ready] of [
      ['/p/PAY/backlog', '.backlog-row'],
      ['/p/PAY/board', '.card'],
      ['/p/PAY/settings', '.state-row'],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
    }
    await page.getByTestId('menu-button').click();
    await page.locator('.sidebar.is-open').waitFor();
    found.push(...(await seriousViolations(page)).map((v) => `menu: ${v}`));
    expect(found).toEqual([]);
    await context.close();
  });
});
