import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoResult } from '../../src/cli/demo.js';
import { loadConfig } from '../../src/cli/config.js';
import { openRuntime } from '../../src/cli/runtime.js';
import { OrdoProcess } from '../support/ordo-process.js';
import { launchBrowser, signedInContext } from './support/browser.js';

/**
 * Scenario 6, talking to stakeholders, on `ordo demo`: the owner drafts, edits, sets the health and
 * publishes; a stakeholder reads it in Ordo; a person without an account opens the share link and
 * sees the late forecast; once revoked, the link shows a not-found page.
 */
describe('status updates and share links', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let demo: DemoResult;
  let owner: Page;
  let anonymous: BrowserContext;
  let published: string;

  beforeAll(async () => {
    server = new OrdoProcess();
    const runtime = await openRuntime(loadConfig({ ...process.env, DATA_DIR: server.dataDir!, DATABASE_URL: '' }));
    try {
      demo = await generateDemo(runtime.ctx, {});
    } finally {
      await runtime.close();
    }
    [, browser] = await Promise.all([server.start(), launchBrowser()]);
    const olivia = demo.users.find((u) => u.role === 'owner')!;
    owner = await (await signedInContext(browser, server.url, olivia)).newPage();
    anonymous = await browser.newContext({ baseURL: server.url, viewport: { width: 1024, height: 800 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the owner opens a draft written from the data, edits it, sets the health and publishes', async () => {
    await owner.goto('/p/DEMO/updates');
    await owner.getByRole('heading', { name: 'Status updates' }).waitFor();
    await expect.poll(() => owner.locator('.update-card').count()).toBe(3); // the heading shows before the list has loaded
    await owner.getByTestId('open-draft').click();
    await owner.waitForURL('**/p/DEMO/updates/draft');
    const body = owner.getByLabel('Markdown');
    await expect.poll(() => body.inputValue()).toContain('## Finished');
    expect(await body.inputValue()).toContain(demo.lateRelease.sentence);
    expect(await owner.getByTestId('health-reason').textContent()).toMatch(/Ordo suggests off track: .*chance of making its target/);
    await expect.poll(() => owner.getByTestId('update-preview').locator('h2').first().textContent()).toBe('Finished');

    published = `Wallets ship first; payouts move to January. (${Date.now()})`;
    await body.press('Control+Home');
    await body.pressSequentially(`${published}\n\n`);
    await expect.poll(() => owner.getByTestId('save-state').textContent()).toBe('Draft saved');
    await owner.reload();
    await expect.poll(() => owner.getByLabel('Markdown').inputValue()).toContain(published);

    await owner.getByText('Off track', { exact: true }).click();
    await owner.getByRole('button', { name: 'Publish' }).click();
    await owner.waitForURL(/\/p\/DEMO\/updates\/\d+$/);
    const first = owner.locator('.update-card').first();
    await expect.poll(() => first.textContent()).toContain(published);
    expect(await first.locator('.health-badge').textContent()).toBe('Off track');
    expect(await owner.locator('.update-card').count()).toBe(4);
    // Publishing closed the draft, and nothing opened a new one behind the owner's back.
    await owner.reload();
    await owner.locator('.update-card').first().waitFor();
    expect(await owner.locator('.update-draft-note').count()).toBe(0);
    expect(await owner.getByTestId('open-draft').textContent()).toBe('New status update');
  });

  it('the lead reads the portfolio on a phone: one card per product, the late one first, a sort to choose, the menu in the top bar', async () => {
    const lead = await (
      await signedInContext(browser, server.url, demo.reporting.lead, { viewport: { width: 390, height: 844 } })
    ).newPage();
    await lead.goto('/portfolio');
    const cards = lead.locator('.portfolio-table tbody tr');
    await expect.poll(() => cards.count()).toBe(2);
    // Needs attention first: the late product, its release's lateness under its column's name.
    expect(await cards.first().locator('th').getByRole('link').textContent()).toBe('Payments');
    expect(await cards.first().locator('td[data-label="Releases vs target"]').textContent()).toMatch(/wk late/);
    // Every card fits the screen: nothing scrolls sideways.
    expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lead.getByLabel('Sort by').selectOption({ label: 'Product name' });
    await expect.poll(() => cards.first().locator('th').getByRole('link').textContent()).toBe('Mobile app');
    // The top bar's menu reaches the products, as on every other page.
    await lead.getByRole('button', { name: /menu/i }).click();
    await lead
      .getByRole('link', { name: /Payments/ })
      .first()
      .waitFor();
    await lead.context().close();
  });

  it('a stakeholder reads it in Ordo', async () => {
    const sam = demo.users.find((u) => u.role === 'stakeholder')!;
    const page = await (await signedInContext(browser, server.url, sam)).newPage();
    await page.goto('/p/DEMO/updates');
    const first = page.locator('.update-card').first();
    await expect.poll(() => first.textContent()).toContain(published);
    expect(await page.getByTestId('open-draft').count()).toBe(0);
    await page.context().close();
  });

  it('a person without an account opens the share link and sees the late forecast and the update', async () => {
    const page = await anonymous.newPage();
    const res = await page.goto(demo.reporting.sharePath);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Payments');
    expect(await page.locator('body').textContent()).toContain(demo.lateRelease.sentence);
    expect(await page.locator('article').first().textContent()).toContain(published);
    expect(await page.locator('script').count()).toBe(0);
    await page.close();
  });

  it('the owner creates a link (its URL shown once), and after revoking it the link shows a not-found page', async () => {
    await owner.goto('/p/DEMO/settings');
    await owner.getByRole('heading', { name: 'Share links' }).waitFor();
    await owner.getByLabel('Who it is for').fill('Investors');
    await owner.getByRole('button', { name: 'Create link' }).click();
    const url = await owner.getByLabel('Share link URL').inputValue();
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    const page = await anonymous.newPage();
    expect((await page.goto(url))!.status()).toBe(200);
    await owner.getByRole('button', { name: 'Revoke the link for Investors' }).click();
    await owner.getByText('Link revoked').waitFor();
    const gone = await page.goto(url);
    expect(gone!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This link does not exist');
    expect(await page.locator('body').textContent()).not.toContain('Payments');
    await page.close();
  });
});
