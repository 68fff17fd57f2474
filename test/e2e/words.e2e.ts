import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TItem } from '../../src/contract/items.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** Refusals told in sentences beside their field, edits that never show a refused value, controls that stay put, and quick add that says where it lands. */
describe('words people understand, and controls that stay where they are', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let owner: Page;
  let dev: Page;

  const item = (key: string) => api.ok<TItem>('GET', `/api/items/${key}`);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    const devUser = await api.createUser('Dana Dev', 'dana@example.com');
    await api.addMember('PAY', devUser.email, 'developer');
    owner = await (await signedInContext(browser, server.url, setup.admin)).newPage();
    dev = await (await signedInContext(browser, server.url, devUser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('tells a refused field in a sentence naming it, beside the field', async () => {
    await owner.goto('/');
    await owner.getByRole('button', { name: '+ New product' }).first().click();
    const dialog = owner.getByRole('dialog', { name: 'New product' });
    await dialog.getByLabel('Name').fill('   ');
    await dialog.getByLabel('Key').fill('WORDS');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => dialog.locator('.field-error').first().textContent()).toBe('Name is required');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the saved value again when an inline edit is refused, and says why', async () => {
    const sized = await api.createItem('PAY', { title: 'Sized story', estimate: 5 });
    await owner.goto(`/p/PAY/items/${sized.key}`);
    const estimate = owner.getByLabel('Estimate', { exact: true });
    await estimate.fill('-3');
    await estimate.press('Enter');
    await owner.getByText('Not saved: Estimate cannot be negative').waitFor();
    await expect.poll(() => estimate.inputValue()).toBe('5');
    expect((await item(sized.key)).estimate).toBe(5);
  });

  it('keeps Blocked under the pointer while labels are added: the click toggles it, with no conflict with oneself', async () => {
    const labelled = await api.createItem('PAY', { title: 'Labelled story' });
    await owner.goto(`/p/PAY/items/${labelled.key}`);
    const input = owner.getByLabel('Add a label');
    for (const label of ['billing', 'checkout', 'mobile', 'security', 'performance']) {
      await input.fill(label);
      await input.press('Enter');
      await owner.locator('.labels-editor .label-chip', { hasText: label }).waitFor();
    }
    // One more typed and left by clicking Blocked: the blur adds it, and Blocked must not move.
    await input.fill('compliance');
    const blocked = owner.locator('.blocked-editor .toggle');
    await blocked.click();
    await expect.poll(async () => (await item(labelled.key)).blocked).toBe(true);
    await expect.poll(async () => (await item(labelled.key)).labels).toContain('compliance');
    expect(await owner.locator('.blocked-editor input[type="checkbox"]').isChecked()).toBe(true);
    expect(await owner.getByRole('dialog').count()).toBe(0);
  });

  it("lands a developer's quick add at the bottom, and says so", async () => {
    await api.createItem('PAY', { title: 'Owner ranked first', position: 'top' });
    await dev.goto('/p/PAY/backlog');
    await expect.poll(() => dev.getByTestId('quick-add-where').textContent()).toBe('lands at the bottom');
    await dev.getByTestId('quick-add').fill('Found while fixing');
    await dev.getByTestId('quick-add').press('Enter');
    await expect.poll(async () => (await api.order('PAY')).at(-1)).toBe('Found while fixing');
    expect((await api.order('PAY'))[0]).toBe('Owner ranked first');
    await owner.goto('/p/PAY/backlog');
    await expect.poll(() => owner.getByTestId('quick-add-where').textContent()).toBe('lands at the top');
  });

  it('keeps a keyboard twin for every drag: criteria reorder with Alt+↑/↓, sprint scope is planned with buttons', async () => {
    const story = await api.createItem('PAY', { title: 'Story with criteria' });
    for (const text of ['First criterion', 'Second criterion']) await api.ok('POST', `/api/items/${story.key}/criteria`, { text });
    await owner.goto(`/p/PAY/items/${story.key}`);
    const second = owner.locator('.criterion', { hasText: 'Second criterion' });
    await second.getByRole('checkbox').focus();
    await owner.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await item(story.key)).criteria.map((c) => c.text)).toEqual(['Second criterion', 'First criterion']);

    const sprint = await api.ok<{ id: number }>('POST', '/api/products/PAY/sprints', { name: 'Sprint 1' });
    await owner.goto(`/p/PAY/sprints/${sprint.id}`);
    await owner.getByRole('button', { name: `Add ${story.key}` }).click();
    await expect.poll(async () => (await item(story.key)).sprintId).toBe(sprint.id);
  });
});
