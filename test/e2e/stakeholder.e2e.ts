import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** What a role may not do is not offered, and the server refuses it when forced. */
describe('a stakeholder on the backlog', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let page: Page;
  let api: Api;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    api = (await Api.setup(server.url, server.setupToken)).api;
    await api.createProduct('PAY', 'Payments');
    const sam = await api.createUser('Sam Sales', 'sam@example.com');
    await api.addMember('PAY', sam.email, 'stakeholder');
    for (const title of ['Refund to original card', 'Duplicate charge on retry']) await api.createItem('PAY', { title });

    page = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto('/p/PAY/backlog');
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Email').fill(sam.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password').waitFor();
    await page.getByLabel('Password').fill(sam.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/p/PAY/backlog');
    await page.locator('.backlog-row').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sees the backlog without the owner’s tools: no quick add, no drag handles, no bulk actions', async () => {
    expect(await page.locator('.backlog-row .row-title').allTextContents()).toEqual([
      'Refund to original card',
      'Duplicate charge on retry',
    ]);
    expect(await page.getByTestId('quick-add').count()).toBe(0);
    expect(await page.locator('.backlog-row[draggable="true"]').count()).toBe(0);
    expect(await page.locator('.row-handle:not(.is-hidden)').count()).toBe(0);
    await page.locator('.backlog-row').first().click();
    expect(await page.getByRole('toolbar', { name: 'Selected items' }).count()).toBe(0);
    await page.keyboard.press('j');
    await page.keyboard.press('t');
    await page.getByText('Your role cannot reorder the backlog').waitFor();
  });

  it('sees the settings read-only', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Workflow' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add state' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await page.getByLabel('Name').isEditable()).toBe(false);
  });

  it('is refused by the server when forcing a reorder from the page', async () => {
    const [, second] = (await api.ok<{ items: { key: string }[] }>('GET', '/api/products/PAY/items')).items;
    const status = await page.evaluate(async (key) => {
      const res = await fetch(`/api/items/${key}/move`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ position: 'top' }),
      });
      return res.status;
    }, second!.key);
    expect(status).toBe(403);
    expect(await api.order('PAY')).toEqual(['Refund to original card', 'Duplicate charge on retry']);
  });
});
