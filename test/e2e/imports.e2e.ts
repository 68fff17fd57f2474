import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

const TEKKEN = path.resolve(import.meta.dirname, '..', 'fixtures', 'trello', 'tekken-notes-2025.json');

/** Scenario 10: an owner brings a Trello board into Ordo, previews it, imports it and lands on its board. */
describe('import: a Trello board becomes a product through the web app', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let page: Page;
  let api: Api;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    const admin = setup.admin;
    api = setup.api;
    page = await (await signedInContext(browser, server.url, admin)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('previews the board with its lists as states, lets a list change category, imports it and opens the board', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Import from Jira, Trello or Ordo' }).click();
    await page.waitForURL('**/import');
    await page.getByLabel('Export file').setInputFiles(TEKKEN);
    await expect.poll(() => page.getByLabel('Format').inputValue()).toBe('trello');
    // The key and name are suggested from the board's name.
    await expect.poll(() => page.getByLabel('Product key').inputValue()).toBe('TN');
    expect(await page.getByLabel('Name').inputValue()).toBe('Tekken Notes');
    await page.getByLabel('Product key').fill('TEK');
    await page.getByRole('button', { name: 'Preview' }).click();

    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('.import-summary', { hasText: '11 items' }).waitFor();
    expect(await preview.getByLabel('Map Drill to').inputValue()).toBe('todo');
    await preview.getByLabel('Map Drill to').selectOption('in_progress');
    await page.getByRole('button', { name: 'Update preview' }).click();
    await expect.poll(() => preview.getByLabel('Map Drill to').inputValue()).toBe('in_progress');
    await expect.poll(() => preview.locator('.import-by').nth(2).textContent()).toBe('by override');

    await page.getByRole('button', { name: 'Import 11 items into TEK' }).click();
    await page.waitForURL('**/p/TEK/board');
    const heads = page.locator('.column-head .column-name');
    await expect.poll(() => heads.allTextContents()).toEqual(['Personal', 'Lab', 'Drill', 'Done']);
    await page.locator('a[data-card]', { hasText: 'Zafina' }).first().waitFor();
    // The new product is in the sidebar.
    await page.locator('.sidebar-link', { hasText: 'Tekken Notes' }).waitFor();
  });

  it('imports an Ordo export as a new product: previews its workflow and counts, then opens its board', async () => {
    await api.createProduct('SRC', 'Garden Planner');
    for (const title of ['Plan the beds', 'Order the seeds', 'Build the compost bin'])
      await api.createItem('SRC', { title, type: 'story' });
    const exported = await api.ok<Record<string, unknown>>('GET', '/api/products/SRC/export?format=json');

    await page.goto('/import');
    await page.getByLabel('Export file').setInputFiles({
      name: 'garden-planner.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await expect.poll(() => page.getByLabel('Format').inputValue()).toBe('ordo');
    // The key comes from the export; the name is the export's own, so it is not asked.
    await expect.poll(() => page.getByLabel('Product key').inputValue()).toBe('SRC');
    expect(await page.getByLabel('Name').count()).toBe(0);
    await page.getByLabel('Product key').fill('GARDEN');
    await page.getByRole('button', { name: 'Preview' }).click();

    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('.import-summary', { hasText: '3 items' }).waitFor();
    expect(await preview.locator('.import-summary strong').textContent()).toBe('Garden Planner');
    // The workflow comes as it is: shown, not mapped.
    const workflow = preview.getByRole('region', { name: 'Workflow' });
    await workflow.getByRole('cell', { name: 'Backlog', exact: true }).first().waitFor();
    expect(await workflow.locator('select').count()).toBe(0);
    await preview.locator('.import-people li', { hasText: 'Ann Owner → Ann Owner (by email)' }).waitFor();

    await page.getByRole('button', { name: 'Import 3 items into GARDEN' }).click();
    await page.waitForURL('**/p/GARDEN/board');
    await page.locator('.sidebar-link', { hasText: 'Garden Planner' }).nth(1).waitFor();
    expect(await api.order('GARDEN')).toEqual(await api.order('SRC'));
  });

  it('says what is wrong with a file that is not an export, and writes nothing', async () => {
    await page.goto('/import');
    await page
      .getByLabel('Export file')
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await page.getByLabel('Product key').fill('NOPE');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').getByText('$: this is not a Trello board export').waitFor();
    await page.getByRole('alert').getByText('Nothing was written.').waitFor();
  });
});
