import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** An admin brings a colleague in from the web app alone: an account, then a role on a product. */
describe('People: an admin adds a colleague', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let page: Page;
  let api: Api;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    ({ api, admin } = await Api.setup(server.url, server.setupToken));
    await api.createProduct('PAY', 'Payments');
    page = await (await signedInContext(browser, server.url, admin)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates the account under People, names a bad email, then gives a role in settings; the colleague signs in and sees the product', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: /Account:/ }).click();
    await page.getByRole('option', { name: 'People' }).click();
    await page.waitForURL('**/users');
    await page.getByLabel('Name').fill('Dev Patel');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('First password').fill('welcome aboard');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByText(/email/i).and(page.locator('.field-error')).first().waitFor();
    await page.getByLabel('Email').fill('dev@example.com');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('cell', { name: 'dev@example.com' }).waitFor();

    await page.goto('/p/PAY/settings');
    await page.getByPlaceholder('name@example.com').fill('dev@example.com');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('cell', { name: 'dev@example.com' }).waitFor();
    const members = await api.ok<{ items: { email: string; role: string }[] }>('GET', '/api/products/PAY/members');
    expect(members.items).toContainEqual(expect.objectContaining({ email: 'dev@example.com', role: 'developer' }));

    const dev = await (await signedInContext(browser, server.url, { email: 'dev@example.com', password: 'welcome aboard' })).newPage();
    await dev.goto('/');
    await dev
      .getByRole('link', { name: /Payments/ })
      .first()
      .waitFor();
    await dev.getByRole('button', { name: /Account:/ }).click();
    await dev.getByRole('option', { name: 'API tokens' }).waitFor();
    expect(await dev.getByRole('option', { name: 'People' }).count()).toBe(0);
    await dev.goto('/users');
    await dev.waitForURL((u) => !u.pathname.startsWith('/users'));
  });
});
