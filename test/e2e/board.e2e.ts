import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TItem } from '../../src/contract/items.js';
import type { TProductDetail } from '../../src/contract/products.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { startStoryServer } from './support/story.js';

/** Scenario 3: the team runs the board — drags, WIP limits, keyboard moves, swimlanes, and each other's changes live. */
describe('running the board', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let owner: Page;
  let developer: Page;
  let states: Record<string, number>;

  const card = (page: Page, key: string) => page.locator(`a[data-card="${key}"]`);
  const column = (page: Page, name: string) => page.locator(`.board-cell[data-state="${states[name]}"]`);
  const keysIn = (page: Page, name: string) =>
    column(page, name)
      .locator('a[data-card]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-card')));
  const stateOf = async (key: string) => (await api.ok<TItem>('GET', `/api/items/${key}`)).stateId;

  /** A real mouse drag: press on the card, move a little so the browser starts dragging, then hover the target's upper or lower half. */
  async function drag(page: Page, from: Locator, to: Locator, half: 'upper' | 'lower' = 'upper') {
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 4, a.y + a.height / 2 + 6, { steps: 4 });
    const y = half === 'upper' ? b.y + b.height * 0.25 : b.y + b.height * 0.75;
    await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
    await page.mouse.move(b.x + b.width / 2 + 1, y, { steps: 2 });
    await page.mouse.up();
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    const product = await api.ok<TProductDetail>('GET', '/api/products/PAY');
    states = Object.fromEntries(product.states.map((s) => [s.name, s.id]));
    const dev = await api.createUser('Dev Patel', 'dev@example.com');
    await api.addMember('PAY', dev.email, 'developer');

    const epic = await api.createItem('PAY', { title: 'Refunds', type: 'epic' });
    const todo = ['Refund to original card', 'Refund by bank transfer', 'Partial refunds', 'Refund notifications'];
    for (const title of todo) await api.createItem('PAY', { title, stateId: states['To do'], parentKey: epic.key, estimate: 3 });
    await api.createItem('PAY', {
      title: 'Duplicate charge on retry',
      type: 'bug',
      stateId: states['In progress'],
      blocked: true,
      blockedReason: 'Waiting for the bank sandbox',
    });
    await api.createItem('PAY', { title: 'Export statements as CSV', stateId: states['Review'] });
    // Review takes one card at a time.
    await api.ok('PATCH', `/api/products/PAY/states/${states['Review']}`, { wipLimit: 1 });

    owner = await (await signedInContext(browser, server.url, setup.admin)).newPage();
    developer = await (await signedInContext(browser, server.url, dev)).newPage();
    await Promise.all([owner.goto('/p/PAY/board'), developer.goto('/p/PAY/board')]);
    await Promise.all([owner, developer].map((p) => p.locator('[data-testid="live-indicator"][data-state="live"]').waitFor()));
    await card(owner, 'PAY-2').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a column per state with its count and WIP limit, and blocked cards with how long and why', async () => {
    const heads = await owner.locator('.column-head .column-name').allTextContents();
    expect(heads).toEqual(['Backlog', 'To do', 'In progress', 'Review', 'Done']);
    expect(await owner.locator(`.column-head[data-state="${states['Review']}"] .column-count`).textContent()).toBe('1/1');
    const blocked = card(owner, 'PAY-6').locator('.card-blocked');
    expect(await blocked.getAttribute('title')).toMatch(/^Blocked for \d+m: Waiting for the bank sandbox$/);
    expect(await card(owner, 'PAY-2').locator('.card-age').textContent()).toMatch(/^·\d+m$/);
  });

  it('moves a card to another column by dragging it with the mouse; the server keeps it and the other browser shows it', async () => {
    await drag(owner, card(owner, 'PAY-2'), card(owner, 'PAY-6'), 'upper');
    await expect.poll(() => keysIn(owner, 'In progress')).toEqual(['PAY-2', 'PAY-6']);
    await expect.poll(() => stateOf('PAY-2')).toBe(states['In progress']);
    await expect.poll(() => keysIn(developer, 'In progress')).toEqual(['PAY-2', 'PAY-6']);
    expect(await keysIn(developer, 'To do')).toEqual(['PAY-3', 'PAY-4', 'PAY-5']);
  });

  it('reorders within a column by dragging below another card', async () => {
    await drag(owner, card(owner, 'PAY-3'), card(owner, 'PAY-5'), 'lower');
    await expect.poll(() => keysIn(owner, 'To do')).toEqual(['PAY-4', 'PAY-5', 'PAY-3']);
    await expect
      .poll(async () => (await api.order('PAY')).filter((t) => t.startsWith('Refund') || t.startsWith('Partial')))
      .toEqual(['Refunds', 'Partial refunds', 'Refund notifications', 'Refund by bank transfer', 'Refund to original card']);
  });

  it('snaps a card refused by a WIP limit back with the reason, and offers a developer no override', async () => {
    // The owner's reorder reached this browser too.
    await expect.poll(() => keysIn(developer, 'To do')).toEqual(['PAY-4', 'PAY-5', 'PAY-3']);
    await drag(developer, card(developer, 'PAY-4'), card(developer, 'PAY-7'), 'lower');
    await developer.getByText('PAY-4 was not moved: Review is at its WIP limit of 1').waitFor();
    await expect.poll(() => keysIn(developer, 'To do')).toEqual(['PAY-4', 'PAY-5', 'PAY-3']);
    expect(await developer.getByRole('button', { name: 'Move anyway' }).count()).toBe(0);
    expect(await stateOf('PAY-4')).toBe(states['To do']);
  });

  it('lets the owner move anyway past the WIP limit, and the column shows it is over', async () => {
    await drag(owner, card(owner, 'PAY-4'), card(owner, 'PAY-7'), 'lower');
    await owner.getByText('PAY-4 was not moved: Review is at its WIP limit of 1').waitFor();
    await expect.poll(() => keysIn(owner, 'Review')).toEqual(['PAY-7']);
    await owner.getByRole('button', { name: 'Move anyway' }).click();
    await expect.poll(() => keysIn(owner, 'Review')).toEqual(['PAY-7', 'PAY-4']);
    await expect.poll(() => stateOf('PAY-4')).toBe(states['Review']);
    const head = owner.locator(`.column-head[data-state="${states['Review']}"]`);
    await expect.poll(() => head.getAttribute('class')).toContain('is-over-limit');
    expect(await head.locator('.column-count').textContent()).toBe('2/1');
    const history = await api.ok<{ items: Array<{ action: string; after: { override?: boolean } }> }>('GET', '/api/items/PAY-4/history');
    expect(history.items[0]).toMatchObject({ action: 'moved', after: { override: true } });
  });

  it('moves the focused card with the keyboard: Alt+↓ down its column, Shift+→ to the next column', async () => {
    await card(owner, 'PAY-5').focus();
    await owner.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => keysIn(owner, 'To do')).toEqual(['PAY-3', 'PAY-5']);
    await owner.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => stateOf('PAY-5')).toBe(states['In progress']);
    await expect.poll(() => keysIn(owner, 'In progress')).toContain('PAY-5');
    // The card keeps the focus in its new column, so moves can follow one another.
    await expect.poll(() => owner.evaluate(() => document.activeElement?.getAttribute('data-card'))).toBe('PAY-5');
    await expect.poll(() => keysIn(developer, 'In progress')).toContain('PAY-5');
  });

  it('counts every keyboard move, even two pressed before the board renders again', async () => {
    const before = await keysIn(owner, 'In progress');
    expect(before.length).toBeGreaterThanOrEqual(3);
    const first = before[0]!;
    // Two Alt+↓ in one task: the second comes before React has rendered the first.
    await card(owner, first).evaluate((el: HTMLElement) => {
      el.focus();
      for (let i = 0; i < 2; i++) el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }));
    });
    const expected = [before[1], before[2], first, ...before.slice(3)];
    await expect.poll(() => keysIn(owner, 'In progress')).toEqual(expected);
    await expect.poll(() => keysIn(developer, 'In progress')).toEqual(expected);
  });

  it('opens a card with Enter, and Esc comes back to the board', async () => {
    await card(owner, 'PAY-3').focus();
    await owner.keyboard.press('Enter');
    await owner.waitForURL('**/p/PAY/items/PAY-3');
    await owner.getByRole('heading', { name: 'Refund by bank transfer' }).waitFor();
    await owner.keyboard.press('Escape');
    await owner.waitForURL('**/p/PAY/board');
    await card(owner, 'PAY-3').waitFor();
  });

  it('cuts the board into swimlanes by epic, kept in the URL across a reload, and filters it like the backlog', async () => {
    await owner.getByRole('button', { name: 'Swimlanes: None' }).click();
    await owner.getByRole('option', { name: 'By epic' }).click();
    await owner.waitForURL(/lanes=epic/);
    await expect.poll(() => owner.locator('.lane-title').allTextContents()).toEqual(['Refunds', 'No epic']);
    await owner.reload();
    await expect.poll(() => owner.locator('.lane-title').allTextContents()).toEqual(['Refunds', 'No epic']);

    await owner.getByRole('button', { name: 'Type', exact: true }).click();
    await owner.getByRole('option', { name: /Bug/ }).click();
    await owner.keyboard.press('Escape');
    await expect
      .poll(() => owner.locator('a[data-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card'))))
      .toEqual(['PAY-6']);
    expect(new URL(owner.url()).searchParams.get('type')).toBe('bug');
  });
});

/** ORDO_SCREENSHOTS=1 rewrites docs/screenshots/board-*.png from a month of a team's board. */
describe.runIf(process.env.ORDO_SCREENSHOTS === '1')('board screenshots', () => {
  it('takes the board in swimlanes by epic, light and dark', async () => {
    const [story, browser] = await Promise.all([startStoryServer(), launchBrowser()]);
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await (await signedInContext(browser, story.server.url, story.owner, { colorScheme })).newPage();
        await page.goto('/p/PAY/board?lanes=epic');
        await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor();
        await page.locator('a[data-card]').first().waitFor();
        // The card in progress for longer than most finished work took is marked.
        await page.locator('.card-age.is-aging-95').first().waitFor();
        await page.screenshot({ path: `docs/screenshots/board-${colorScheme}.png` });
      }
    } finally {
      await browser.close();
      await story.server.close();
    }
  });
});
