import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCommentPage } from '../../src/contract/item-parts.js';
import type { TItem } from '../../src/contract/items.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { startStoryServer } from './support/story.js';

/** The item in full: edited in place, safe to read whatever was pasted, and honest when two people edit it at once. */
describe('an item', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let ann: Page;
  let bob: Page;
  let sam: Page;

  const item = (key: string) => api.ok<TItem>('GET', `/api/items/${key}`);
  const open = async (page: Page, key: string, title: string) => {
    await page.goto(`/p/PAY/items/${key}`);
    await page.getByRole('heading', { name: title }).waitFor();
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    const bobUser = await api.createUser('Bob Owner', 'bob@example.com');
    await api.addMember('PAY', bobUser.email, 'owner');
    const samUser = await api.createUser('Sam Sales', 'sam@example.com');
    await api.addMember('PAY', samUser.email, 'stakeholder');
    await api.createItem('PAY', { title: 'Refund to original card' });
    await api.createItem('PAY', {
      title: 'Pasted from an e-mail',
      description: [
        'Before <script>alert(1)</script> after.',
        '',
        '<img src=x onerror=alert(1)>',
        '',
        'A [bad link](javascript:alert(1)) and a [good one](https://example.com/refunds).',
      ].join('\n'),
    });
    ann = await (await signedInContext(browser, server.url, setup.admin)).newPage();
    bob = await (await signedInContext(browser, server.url, bobUser)).newPage();
    sam = await (await signedInContext(browser, server.url, samUser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('edits the title, estimate and description in place, takes a criterion and a comment, and tells it in the history', async () => {
    await open(ann, 'PAY-1', 'Refund to original card');
    await ann.getByRole('button', { name: 'Refund to original card' }).click();
    await ann.getByLabel('Title').fill('Refund to the original card');
    await ann.getByLabel('Title').press('Enter');
    await ann.getByRole('heading', { name: 'Refund to the original card' }).waitFor();

    await ann.getByLabel('Estimate').fill('5');
    await ann.getByLabel('Estimate').press('Enter');
    await expect.poll(async () => (await item('PAY-1')).estimate).toBe(5);

    await ann.getByRole('button', { name: 'Add a description' }).click();
    await ann.getByRole('textbox', { name: 'Description' }).fill('## Why\n\nMerchants **asked** for it twice this week.');
    await ann.getByRole('region', { name: 'Description' }).getByRole('tab', { name: 'Preview' }).click();
    await ann.locator('.md-preview h2', { hasText: 'Why' }).waitFor();
    await ann.getByRole('button', { name: 'Save', exact: true }).click();
    await ann.locator('.item-description strong', { hasText: 'asked' }).waitFor();

    await ann.getByLabel('Add an acceptance criterion').fill('Works for EUR, GBP and USD');
    await ann.getByLabel('Add an acceptance criterion').press('Enter');
    // The box's name changes once ticked ("Withdraw acceptance of: …"), so it is clicked and then found by its new name.
    await ann.getByRole('checkbox', { name: 'Accept: Works for EUR, GBP and USD' }).click();
    await expect
      .poll(() => ann.getByRole('checkbox', { name: 'Withdraw acceptance of: Works for EUR, GBP and USD' }).isChecked())
      .toBe(true);
    await ann.getByLabel('Comment', { exact: true }).fill('Checked with the bank: the **sandbox** supports this now.');
    await ann.getByRole('button', { name: 'Comment', exact: true }).click();
    await ann.locator('.comment-body strong', { hasText: 'sandbox' }).waitFor();

    const saved = await item('PAY-1');
    expect(saved).toMatchObject({
      title: 'Refund to the original card',
      estimate: 5,
      description: '## Why\n\nMerchants **asked** for it twice this week.',
    });
    expect(saved.criteria).toMatchObject([{ text: 'Works for EUR, GBP and USD', accepted: true }]);
    const comments = await api.ok<TCommentPage>('GET', '/api/items/PAY-1/comments');
    expect(comments.items.map((c) => c.body)).toEqual(['Checked with the bank: the **sandbox** supports this now.']);

    const history = ann.getByTestId('history');
    await expect.poll(() => history.textContent()).toContain('Ann Owner commented');
    const lines = await history.locator('li').allTextContents();
    expect(lines.map((l) => l.replace(/ · .*$/, ''))).toEqual([
      'Ann Owner commented',
      'Ann Owner accepted criterion “Works for EUR, GBP and USD”',
      'Ann Owner added criterion “Works for EUR, GBP and USD”',
      'Ann Owner edited the description',
      'Ann Owner changed the estimate from none to 5 pt',
      'Ann Owner changed the title to “Refund to the original card”',
      'Ann Owner created PAY-1 in Backlog',
    ]);
  });

  it('shows the second writer what the first changed, and keeps theirs when asked', async () => {
    await Promise.all([open(ann, 'PAY-1', 'Refund to the original card'), open(bob, 'PAY-1', 'Refund to the original card')]);
    await bob.getByRole('button', { name: 'Refund to the original card' }).click();
    await bob.getByLabel('Title').fill('Refund to the card used to pay');

    await ann.getByRole('button', { name: 'Refund to the original card' }).click();
    await ann.getByLabel('Title').fill('Refund to the original card or wallet');
    await ann.getByLabel('Title').press('Enter');
    await expect.poll(async () => (await item('PAY-1')).title).toBe('Refund to the original card or wallet');

    // Bob's typing survives the event that reloads the item under him; he is told it changed.
    await bob.getByText('Someone changed the title to “Refund to the original card or wallet” while you were typing').waitFor();
    expect(await bob.getByLabel('Title').inputValue()).toBe('Refund to the card used to pay');
    await bob.getByLabel('Title').press('Enter');

    const dialog = bob.getByRole('dialog', { name: 'PAY-1 changed while you were editing' });
    await dialog.getByText('Ann Owner changed the title to “Refund to the original card or wallet”.').waitFor();
    expect(await dialog.locator('tbody tr').first().locator('th, td').allTextContents()).toEqual([
      'The title',
      '“Refund to the original card or wallet”',
      '“Refund to the card used to pay”',
    ]);
    expect(await item('PAY-1')).toMatchObject({ title: 'Refund to the original card or wallet' });
    await dialog.getByRole('button', { name: 'Keep mine' }).click();

    await expect.poll(async () => (await item('PAY-1')).title).toBe('Refund to the card used to pay');
    await bob.getByRole('heading', { name: 'Refund to the card used to pay' }).waitFor();
    await ann.getByRole('heading', { name: 'Refund to the card used to pay' }).waitFor();
  });

  it('drops the second writer’s edit when they take the other person’s', async () => {
    await bob.getByRole('button', { name: 'Edit description' }).click();
    await bob.getByRole('textbox', { name: 'Description' }).fill('Bob’s version');
    const current = await item('PAY-1');
    await api.ok('PATCH', '/api/items/PAY-1', { description: 'The API’s version', estimate: 8, version: current.version });
    await bob.getByText('Someone changed the description while you were writing').waitFor();
    await bob.getByRole('button', { name: 'Save', exact: true }).click();

    const dialog = bob.getByRole('dialog', { name: 'PAY-1 changed while you were editing' });
    await dialog.getByText('Ann Owner edited the description and changed the estimate to 8 pt.').waitFor();
    await dialog.getByRole('button', { name: 'Take theirs' }).click();
    await bob.locator('.item-description', { hasText: 'The API’s version' }).waitFor();
    expect(await item('PAY-1')).toMatchObject({ description: 'The API’s version', estimate: 8 });
  });

  it('renders pasted script, event handlers and javascript: links inert, in the description and in comments', async () => {
    const dialogs: string[] = [];
    ann.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await open(ann, 'PAY-2', 'Pasted from an e-mail');
    const description = ann.locator('.item-description');
    await description.getByText('A [bad link](javascript:alert(1)) and a').waitFor();

    await ann
      .getByLabel('Comment', { exact: true })
      .fill('<script>alert(2)</script> <img src=x onerror=alert(2)> [x](javascript:alert(2)) [y](JaVaScRiPt:alert(2))');
    await ann.getByRole('button', { name: 'Comment', exact: true }).click();
    await ann.locator('.comment-body').first().waitFor();
    await ann.waitForTimeout(300);

    expect(dialogs).toEqual([]);
    const main = ann.locator('.item-main');
    expect(await main.locator('.prose script').count()).toBe(0);
    expect(await main.locator('.prose img').count()).toBe(0);
    expect(await main.locator('.prose [onerror]').count()).toBe(0);
    expect(await main.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await description.textContent()).toContain('<script>alert(1)</script>');
    const good = description.getByRole('link', { name: 'good one' });
    expect(await good.getAttribute('href')).toBe('https://example.com/refunds');
    expect(await good.getAttribute('rel')).toContain('noopener noreferrer');
  });

  it('shows a stakeholder the item without edit controls, and lets them comment', async () => {
    await open(sam, 'PAY-1', 'Refund to the card used to pay');
    await sam.getByRole('heading', { name: 'Comments' }).waitFor();
    expect(await sam.getByRole('button', { name: 'Refund to the card used to pay' }).count()).toBe(0);
    expect(await sam.getByRole('button', { name: /description/i }).count()).toBe(0);
    expect(await sam.getByRole('combobox').count()).toBe(0);
    expect(await sam.getByRole('spinbutton').count()).toBe(0);
    expect(await sam.getByRole('checkbox').count()).toBe(0);
    expect(await sam.getByLabel('Add an acceptance criterion').count()).toBe(0);
    expect(await sam.getByLabel('Add a label').count()).toBe(0);
    expect(await sam.getByLabel('Item key to link').count()).toBe(0);
    expect(await sam.getByRole('button', { name: /^Remove/ }).count()).toBe(0);

    await sam.getByLabel('Comment', { exact: true }).fill('A customer asked for this today.');
    await sam.getByRole('button', { name: 'Comment', exact: true }).click();
    await sam.locator('.comment', { hasText: 'A customer asked for this today.' }).waitFor();
    const comments = await api.ok<TCommentPage>('GET', '/api/items/PAY-1/comments');
    expect(comments.items.at(-1)).toMatchObject({ body: 'A customer asked for this today.', author: { name: 'Sam Sales' } });
  });
});

/** ORDO_SCREENSHOTS=1 rewrites docs/screenshots/item-*.png: one story told in full. */
describe.runIf(process.env.ORDO_SCREENSHOTS === '1')('item screenshots', () => {
  it('takes an item with its description, criteria, links, comments and history, light and dark', async () => {
    const [story, browser] = await Promise.all([startStoryServer(), launchBrowser()]);
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await (await signedInContext(browser, story.server.url, story.owner, { colorScheme })).newPage();
        await page.goto(`/p/PAY/items/${story.featured}`);
        await page.getByTestId('history').locator('li').first().waitFor();
        await page.locator('.comment').first().waitFor();
        await page.screenshot({ path: `docs/screenshots/item-${colorScheme}.png` });
      }
    } finally {
      await browser.close();
      await story.server.close();
    }
  });
});
