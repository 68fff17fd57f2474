import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** Scenario 3's promise on the backlog: two people see each other's changes without reloading. */
describe('two people on one backlog', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let ann: Page;
  let bob: Page;
  let api: Api;

  const titles = (page: Page) => page.locator('.backlog-row:not(.is-pending) .row-title').allTextContents();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    const bobUser = await api.createUser('Bob Owner', 'bob@example.com');
    await api.addMember('PAY', bobUser.email, 'owner');
    for (const title of ['Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV']) {
      await api.createItem('PAY', { title });
    }
    ann = await (await signedInContext(browser, server.url, setup.admin)).newPage();
    bob = await (await signedInContext(browser, server.url, bobUser)).newPage();
    await Promise.all([ann.goto('/p/PAY/backlog'), bob.goto('/p/PAY/backlog')]);
    await Promise.all([ann, bob].map((p) => p.locator('[data-testid="live-indicator"][data-state="live"]').waitFor()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an item one person adds in the other’s backlog, in its place', async () => {
    await ann.getByTestId('quick-add').fill('Show refunds on the statement');
    await ann.getByTestId('quick-add').press('Enter');
    await expect
      .poll(() => titles(bob))
      .toEqual(['Show refunds on the statement', 'Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV']);
  });

  it('shows a reorder made in one browser in the other', async () => {
    await bob.locator('.backlog-row', { hasText: 'Export statements as CSV' }).click();
    await bob.keyboard.press('t');
    await expect
      .poll(() => titles(ann))
      .toEqual(['Export statements as CSV', 'Show refunds on the statement', 'Refund to original card', 'Duplicate charge on retry']);
  });

  it('shows changes made through the API by anyone else, such as a new title', async () => {
    const [first] = (await api.ok<{ items: { key: string; title: string }[] }>('GET', '/api/products/PAY/items')).items;
    await api.ok('PATCH', `/api/items/${first!.key}`, { title: 'Export statements as CSV and PDF', version: 1 });
    await Promise.all([ann, bob].map((p) => expect.poll(() => titles(p).then((t) => t[0])).toBe('Export statements as CSV and PDF')));
  });
});
