import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TItem, TItemPage } from '../../src/contract/items.js';
import type { TProductDetail } from '../../src/contract/products.js';
import type { TSprint, TSprintDetail } from '../../src/contract/sprints.js';
import type { TRelease } from '../../src/contract/releases.js';
import { ITEM_TITLE_MAX } from '../../src/contract/items.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** The backlog as owners use it (issue 13): done hidden, bulk changes, the peek panel, pasted lines, the title limit, sprint records. */
describe('the backlog as owners use it', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let admin: { email: string; password: string };
  let page: Page;

  const rowTitles = (p: Page = page) => p.locator('.backlog-row:not(.is-pending) .row-title').allTextContents();
  const row = (title: string, p: Page = page) => p.locator('.backlog-row', { hasText: title });
  const panel = (p: Page = page) => p.getByTestId('peek-panel');
  const item = (key: string) => api.ok<TItem>('GET', `/api/items/${key}`);
  const states = async (key: string) =>
    Object.fromEntries((await api.ok<TProductDetail>('GET', `/api/products/${key}`)).states.map((s) => [s.name, s.id]));
  const all = async (key: string) => (await api.ok<TItemPage>('GET', `/api/products/${key}/items?limit=500`)).items;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    admin = setup.admin;
    page = await (await signedInContext(browser, server.url, admin)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('hides done items until asked, keeps the choice in the URL, and lets a finished item leave the list', async () => {
    await api.createProduct('DONE', 'Done hidden');
    const s = await states('DONE');
    await api.createItem('DONE', { title: 'Shipped last week', stateId: s['Done'] });
    await api.createItem('DONE', { title: 'Next up' });
    await api.createItem('DONE', { title: 'Shipped yesterday', stateId: s['Done'] });
    await api.createItem('DONE', { title: 'After that' });

    await page.goto('/p/DONE/backlog');
    await expect.poll(() => rowTitles()).toEqual(['Next up', 'After that']);
    await expect.poll(() => page.getByTestId('backlog-count').textContent()).toBe('2 open items');
    const toggle = page.getByRole('button', { name: 'Show done' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await page.waitForURL(/done=show/);
    await expect.poll(() => rowTitles()).toEqual(['Shipped last week', 'Next up', 'Shipped yesterday', 'After that']);
    await page.reload();
    await expect.poll(() => rowTitles()).toHaveLength(4);
    expect(await page.getByRole('button', { name: 'Show done' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Show done' }).click();
    await expect.poll(() => rowTitles()).toEqual(['Next up', 'After that']);
    // The API still lists everything unless asked not to.
    expect(await all('DONE')).toHaveLength(4);

    // Both finished from the selection bar: they leave the list, which says what is left.
    await row('Next up').click({ modifiers: ['Control'] });
    await row('After that').click({ modifiers: ['Control'] });
    const bar = page.getByRole('toolbar', { name: 'Selected items' });
    await bar.getByRole('button', { name: 'State' }).click();
    await bar.getByRole('option', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Nothing left to do' }).waitFor();
    await page.getByRole('button', { name: 'Show the 4 done' }).click();
    await expect.poll(() => rowTitles()).toHaveLength(4);
  });

  it('sets sprint, release, epic and labels on every selected item at once', async () => {
    await api.createProduct('BULK', 'Bulk');
    const epic = await api.createItem('BULK', { title: 'Refunds', type: 'epic' });
    const a = await api.createItem('BULK', { title: 'Refund to card', labels: ['api'] });
    const b = await api.createItem('BULK', { title: 'Refund by transfer' });
    const c = await api.createItem('BULK', { title: 'Untouched', labels: ['api'] });
    const sprint = await api.ok<TSprint>('POST', '/api/products/BULK/sprints', { name: 'Sprint 1' });
    const release = await api.ok<TRelease>('POST', '/api/products/BULK/releases', { name: '1.0' });

    await page.goto('/p/BULK/backlog');
    await row('Untouched').waitFor();
    // x selects the row under the cursor; Ctrl-click adds another.
    await row('Refund to card').click();
    await page.keyboard.press('x');
    await row('Refund by transfer').click({ modifiers: ['Control'] });
    const bar = page.getByRole('toolbar', { name: 'Selected items' });
    await expect.poll(() => bar.locator('strong').textContent()).toBe('2 selected');

    const choose = async (menu: string, option: string | RegExp) => {
      await bar.getByRole('button', { name: menu, exact: true }).click();
      await page.locator('.menu-popover').getByRole('option', { name: option }).click();
    };
    await choose('Sprint', 'Sprint 1');
    await expect.poll(async () => [(await item(a.key)).sprintId, (await item(b.key)).sprintId]).toEqual([sprint.id, sprint.id]);
    await choose('Release', /^1\.0/);
    await expect.poll(async () => [(await item(a.key)).releaseId, (await item(b.key)).releaseId]).toEqual([release.id, release.id]);
    await choose('Epic', `${epic.key} Refunds`);
    await expect.poll(async () => [(await item(a.key)).parentKey, (await item(b.key)).parentKey]).toEqual([epic.key, epic.key]);

    // Labels: a known one both get (one already has it), then a new one typed in.
    await bar.getByRole('button', { name: 'Labels', exact: true }).click();
    const labels = page.locator('.menu-popover');
    await labels.getByRole('option', { name: 'api (1 of 2)' }).click();
    await expect.poll(async () => [(await item(a.key)).labels, (await item(b.key)).labels]).toEqual([['api'], ['api']]);
    await labels.getByPlaceholder('Filter or add…').fill('refunds');
    await labels.getByRole('option', { name: 'Add label “refunds”' }).click();
    await expect
      .poll(async () => [(await item(a.key)).labels, (await item(b.key)).labels])
      .toEqual([
        ['api', 'refunds'],
        ['api', 'refunds'],
      ]);
    // Chosen again, a label all of them carry comes off all of them.
    await labels.getByRole('option', { name: 'api', exact: true }).click();
    await expect.poll(async () => [(await item(a.key)).labels, (await item(b.key)).labels]).toEqual([['refunds'], ['refunds']]);
    await page.keyboard.press('Escape');
    await expect.poll(() => row('Refund by transfer').locator('.label-chip').allTextContents()).toEqual(['refunds']);
    expect(await item(c.key)).toMatchObject({ sprintId: null, releaseId: null, parentKey: null, labels: ['api'] });
  });

  it('opens an item beside the backlog from the keyboard, follows j/k, edits it there, and closes with Esc; reload and Back keep up', async () => {
    await api.createProduct('PEEK', 'Peek');
    const s = await states('PEEK');
    const first = await api.createItem('PEEK', { title: 'First story', description: 'What the first one is about.' });
    const second = await api.createItem('PEEK', { title: 'Second story' });
    const third = await api.createItem('PEEK', { title: 'Third story' });

    await page.goto('/p/PEEK/backlog');
    await row('Third story').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press(' ');
    await page.waitForURL(new RegExp(`peek=${first.key}`));
    await panel().getByRole('heading', { name: 'First story' }).waitFor();
    await panel().getByText('What the first one is about.').waitFor();
    // The list keeps the keyboard: j moves the cursor, and the panel follows.
    await page.keyboard.press('j');
    await page.waitForURL(new RegExp(`peek=${second.key}`));
    await panel().getByRole('heading', { name: 'Second story' }).waitFor();
    expect(await page.locator('.backlog-row.is-cursor .row-title').textContent()).toBe('Second story');

    // Edited in the panel: the list beside it shows the change.
    await panel().getByLabel('State').selectOption({ label: 'To do' });
    await expect.poll(async () => (await item(second.key)).stateId).toBe(s['To do']);
    await expect.poll(() => row('Second story').locator('.row-state').textContent()).toBe('To do');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);
    expect(page.url()).not.toContain('peek=');
    // Back in the list: k and Space open the one above.
    await page.keyboard.press('k');
    await page.keyboard.press(' ');
    await page.waitForURL(new RegExp(`peek=${first.key}`));
    await panel().getByRole('heading', { name: 'First story' }).waitFor();

    // Another row clicked while the panel is open takes its place; Back closes the panel rather
    // than walking back through every item looked at.
    await row('Third story').click();
    await page.waitForURL(new RegExp(`peek=${third.key}`));
    await panel().getByRole('heading', { name: 'Third story' }).waitFor();
    await page.goBack();
    await expect.poll(() => panel().count()).toBe(0);
    expect(page.url()).not.toContain('peek=');
    await row('Third story').waitFor();

    // The panel is in the URL: a reload keeps it.
    await row('First story').click();
    await page.waitForURL(new RegExp(`peek=${first.key}`));
    await page.reload();
    await panel().getByRole('heading', { name: 'First story' }).waitFor();

    // Open goes to the item's own page, and Esc there comes back.
    await panel().getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(new RegExp(`/p/PEEK/items/${first.key}$`));
    await page.locator('.item-back').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/p\/PEEK\/backlog/);
  });

  it('opens a card beside the board, follows the arrows, and says plainly which done cards the board shows', async () => {
    await api.createProduct('BRD', 'Board');
    const s = await states('BRD');
    const doing = await api.createItem('BRD', { title: 'Being built', stateId: s['In progress'] });
    const next = await api.createItem('BRD', { title: 'Also being built', stateId: s['In progress'] });
    for (let i = 0; i < 203; i++) await api.createItem('BRD', { title: `Finished ${i}`, stateId: s['Done'] });

    await page.goto('/p/BRD/board');
    const doneHead = page.locator(`.column-head[data-state="${s['Done']}"]`);
    await expect.poll(() => doneHead.getByTestId('column-count').textContent()).toBe('last 200 of 203');
    expect(await doneHead.getByRole('link', { name: 'All 203 in the backlog: the Done items' }).count()).toBe(1);

    await page.locator(`a[data-card="${doing.key}"]`).click();
    await panel().getByRole('heading', { name: 'Being built' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(new RegExp(`peek=${next.key}`));
    await panel().getByRole('heading', { name: 'Also being built' }).waitFor();
    await page.keyboard.press(' ');
    await expect.poll(() => panel().count()).toBe(0);
    // Enter opens the card's own page.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/p/BRD/items/${next.key}$`));
  });

  it('covers a phone’s screen with the panel, with a way to close it', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    await context.request.post('/api/auth/login', {
      data: { email: admin.email, password: admin.password },
      headers: { origin: server.url },
    });
    const phone = await context.newPage();
    const [first] = await all('PEEK');
    await phone.goto(`/p/PEEK/backlog?peek=${first!.key}`);
    await panel(phone).getByRole('heading', { name: first!.title }).waitFor();
    expect(await panel(phone).boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await panel(phone).getByRole('button', { name: 'Close the panel' }).click();
    await expect.poll(() => panel(phone).count()).toBe(0);
    await context.close();
  });

  it('offers one item per pasted line, and creates them in order where quick add lands', async () => {
    await api.createProduct('PASTE', 'Paste');
    await api.createItem('PASTE', { title: 'Already here' });
    await page.goto('/p/PASTE/backlog');
    await row('Already here').waitFor();
    const input = page.getByTestId('quick-add');
    await input.focus();
    await input.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, '- Refund reasons\n\n* Refund limits per merchant\r\n• Refund notifications by e-mail\n');
    const dialog = page.getByRole('dialog', { name: 'Create 3 items?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('paste-lines').locator('li').allTextContents()).toEqual([
      'Refund reasons',
      'Refund limits per merchant',
      'Refund notifications by e-mail',
    ]);
    expect(await input.inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Create 3 items' }).click();
    await expect
      .poll(() => api.order('PASTE'))
      .toEqual(['Refund reasons', 'Refund limits per merchant', 'Refund notifications by e-mail', 'Already here']);
    await expect
      .poll(() => rowTitles())
      .toEqual(['Refund reasons', 'Refund limits per merchant', 'Refund notifications by e-mail', 'Already here']);

    // A line over the title limit stops the lot before anything is created.
    await input.evaluate(
      (el, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      `Short one\n${'y'.repeat(ITEM_TITLE_MAX + 1)}`,
    );
    const refused = page.getByRole('dialog', { name: 'Create 2 items?' });
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain(`Line 2 has more than ${ITEM_TITLE_MAX} characters`);
    expect(await refused.getByRole('button', { name: 'Create 2 items' }).isDisabled()).toBe(true);
    await refused.getByRole('button', { name: 'Cancel' }).click();
    expect(await all('PASTE')).toHaveLength(4);
  });

  it('refuses a title over the limit with the reason, in quick add and on the item, and never cuts it', async () => {
    await api.createProduct('LONG', 'Long titles');
    const existing = await api.createItem('LONG', { title: 'A short title' });
    await page.goto('/p/LONG/backlog');
    await row('A short title').waitFor();
    const input = page.getByTestId('quick-add');
    const long = 'z'.repeat(ITEM_TITLE_MAX + 12);
    await input.fill(long);
    const alert = page.locator('#quick-add-error');
    await expect
      .poll(() => alert.textContent())
      .toBe(`This title has ${ITEM_TITLE_MAX + 12} characters; a title can have at most ${ITEM_TITLE_MAX}.`);
    await input.press('Enter');
    expect(await input.inputValue()).toBe(long);
    expect(await all('LONG')).toHaveLength(1);
    await input.fill('z'.repeat(ITEM_TITLE_MAX));
    expect(await alert.count()).toBe(0);
    await input.press('Enter');
    await expect.poll(async () => (await all('LONG')).map((i) => i.title.length).sort()).toEqual([13, ITEM_TITLE_MAX]);

    await page.goto(`/p/LONG/items/${existing.key}`);
    await page.getByRole('button', { name: 'A short title' }).click();
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.fill('w'.repeat(ITEM_TITLE_MAX + 1));
    await page.locator('#title-too-long').waitFor();
    await title.press('Enter');
    expect((await item(existing.key)).title).toBe('A short title');
    await title.press('Escape');
    await page.getByRole('heading', { name: 'A short title' }).waitFor();
  });

  it('shows a closed sprint as it was: committed, added, removed, done and moved on, agreeing with its burndown', async () => {
    await api.createProduct('REC', 'Records');
    const s = await states('REC');
    const keys: string[] = [];
    for (const [title, estimate] of [
      ['Card refunds', 5],
      ['Bank refunds', 8],
      ['Refund e-mails', 3],
      ['Refund limits', 2],
    ] as const)
      keys.push((await api.createItem('REC', { title, estimate })).key);
    const one = await api.ok<TSprint>('POST', '/api/products/REC/sprints', { name: 'Sprint 1', goal: 'Refunds without tickets' });
    const two = await api.ok<TSprint>('POST', '/api/products/REC/sprints', { name: 'Sprint 2' });
    await api.ok('POST', `/api/sprints/${one.id}/items`, { keys });
    await api.ok('POST', `/api/sprints/${one.id}/start`, {});
    await api.ok('POST', `/api/items/${keys[0]}/move`, { stateId: s['Done'] });
    await api.ok('DELETE', `/api/sprints/${one.id}/items/${keys[3]}`);
    const late = await api.createItem('REC', { title: 'Refund audit log', estimate: 1, sprintId: one.id });
    await api.ok('POST', `/api/items/${late.key}/move`, { stateId: s['Done'] });
    await api.ok('POST', `/api/sprints/${one.id}/close`, { unfinished: 'next', nextSprintId: two.id });

    const detail = await api.ok<TSprintDetail>('GET', `/api/sprints/${one.id}`);
    await page.goto(`/p/REC/sprints/${one.id}`);
    const record = page.getByTestId('sprint-record');
    await record.waitFor();
    const figure = async (id: string) => (await record.getByTestId(id).locator('dd').textContent())!.replace(/\s+/g, ' ');
    expect(await figure('record-committed')).toBe('4 items 18 pt');
    expect(await figure('record-added')).toBe('1 item 1 pt');
    expect(await figure('record-removed')).toBe('1 item 2 pt');
    expect(await figure('record-done')).toBe('2 items 6 pt');
    expect(await figure('record-moved-on')).toBe('2 items 11 pt');
    expect(await record.getByTestId('record-moved-on').locator('dt').textContent()).toBe('Moved on to Sprint 2');
    // Progress is against what the sprint held at its close: 6 of 17 points, not 6 of 6.
    expect(await page.getByTestId('progress-points').innerText()).toMatch(/6\s+of 17 points\s+35 %/);
    expect(await page.getByTestId('progress-items').innerText()).toMatch(/2\s+of 4 items\s+50 %/);
    expect(detail.burndown.remainingPoints.at(-1)).toBe(11);
    expect(detail.burndown.scopePoints.at(-1)).toBe(17);
    const listed = (id: string) => page.getByTestId(id).locator('.scope-title').allTextContents();
    expect(await listed('record-done-list')).toEqual(['Card refunds', 'Refund audit log']);
    expect(await listed('record-moved-on-list')).toEqual(['Bank refunds', 'Refund e-mails']);
    expect(await listed('record-removed-list')).toEqual(['Refund limits']);
    expect(await page.getByTestId('record-done-list').locator('.record-tag').allTextContents()).toEqual(['added']);
  });
});
