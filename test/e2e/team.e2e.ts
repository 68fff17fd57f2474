import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** Scenarios 7 and 8: the team asks the owner, and customers' requests reach the backlog and back. */
describe('answering the team and taking requests', () => {
  let server: OrdoProcess;
  let smtp: SmtpReceiver;
  let browser: Browser;
  let api: Api;
  let owner: Page;
  let dev: Page;
  let sales: Page;
  let marketing: Page;
  let itemKey: string;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    [server, browser] = await Promise.all([
      startOrdo({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://ordo.example.com' } }),
      launchBrowser(),
    ]);
    const setup = await Api.setup(server.url, server.setupToken, {
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'correct horse battery',
    });
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    const people = {
      dev: await api.createUser('Dev Patel', 'dev@example.com'),
      sales: await api.createUser('Sam Sales', 'sam@example.com'),
      marketing: await api.createUser('Mia Marketing', 'mia@example.com'),
    };
    await api.addMember('PAY', people.dev.email, 'developer');
    await api.addMember('PAY', people.sales.email, 'stakeholder');
    await api.addMember('PAY', people.marketing.email, 'stakeholder');
    itemKey = (await api.createItem('PAY', { title: 'Export statements as CSV' })).key;
    await api.createItem('PAY', { title: 'Invoices as PDF' });
    owner = await (await signedInContext(browser, server.url, setup.admin)).newPage();
    dev = await (await signedInContext(browser, server.url, people.dev)).newPage();
    sales = await (await signedInContext(browser, server.url, people.sales)).newPage();
    marketing = await (await signedInContext(browser, server.url, people.marketing)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const unread = (page: Page) => page.getByTestId('bell').getAttribute('data-unread');

  it('a developer asks on an item; the owner answers from the inbox as a decision; the developer’s bell shows it live; the decision log lists it', async () => {
    await dev.goto(`/p/PAY/items/${itemKey}`);
    await dev.getByTestId('bell').waitFor();
    expect(await unread(dev)).toBe('0');
    const ask = dev.getByRole('textbox', { name: 'Question' });
    await ask.click();
    await ask.fill('Should export include archived items?');
    await dev.getByRole('button', { name: 'Ask', exact: true }).click();
    await dev.locator('.question', { hasText: 'Should export include archived items?' }).waitFor();

    await owner.goto('/inbox');
    await expect.poll(() => owner.getByTestId('sidebar-inbox').getAttribute('data-count')).toBe('1');
    const question = owner.locator('.question', { hasText: 'Should export include archived items?' });
    await question.getByText('Dev Patel').waitFor();
    await question.getByText(itemKey).waitFor();
    await question.getByRole('button', { name: 'Answer' }).click();
    await question
      .getByRole('textbox', { name: 'Answer to Dev Patel' })
      .fill('No: archived items stay out unless the filter asks for them.');
    await question.getByLabel(/Mark as decision/).check();
    await question.getByRole('button', { name: 'Answer and record decision' }).click();
    await owner.getByText('Answered, and recorded in the decision log').waitFor();
    await expect.poll(() => owner.getByTestId('sidebar-inbox').getAttribute('data-count')).toBe('0');

    // The developer did not reload: the bell heard it.
    await expect.poll(() => unread(dev)).toBe('1');
    await dev.getByTestId('bell').click();
    await dev
      .locator('.notification', { hasText: `Olivia Owner answered your question on ${itemKey} and recorded it as a decision` })
      .waitFor();
    await dev.keyboard.press('Escape');

    await dev.getByRole('link', { name: 'Decisions' }).click();
    const decision = dev.locator('.decision', { hasText: 'Should export include archived items?' });
    await decision.waitFor();
    await decision.getByText('No: archived items stay out unless the filter asks for them.').waitFor();
    await decision.getByText(itemKey).waitFor();
    await dev.getByRole('searchbox', { name: 'Search decisions' }).fill('archived filter');
    await expect.poll(() => dev.locator('.decision').count()).toBe(1);
  });

  it('a stakeholder submits a request, another votes, the owner links it to an item, the item is done: the requester is told, in Ordo and by e-mail', async () => {
    await sales.goto('/p/PAY/requests');
    await sales.getByRole('button', { name: 'New request' }).click();
    await sales.getByLabel('What is asked for').fill('Monthly statements as PDF');
    await sales.getByLabel('Customer or segment').fill('Acme Corp');
    await sales.getByLabel('Impact for them').selectOption('high');
    await sales.getByRole('button', { name: 'Submit request' }).click();
    const mine = sales.locator('.request', { hasText: 'Monthly statements as PDF' });
    await mine.waitFor();
    expect(await mine.locator('.vote-count').textContent()).toBe('1');

    await marketing.goto('/p/PAY/requests');
    const theirs = marketing.locator('.request', { hasText: 'Monthly statements as PDF' });
    await theirs.getByRole('button', { name: 'Vote for Monthly statements as PDF' }).click();
    await expect.poll(() => theirs.locator('.vote-count').textContent()).toBe('2');
    await theirs.getByRole('button', { name: '+ customer' }).click();
    await theirs.getByLabel('Customer or segment that also wants it').fill('Globex');
    await theirs.getByRole('button', { name: 'Add', exact: true }).click();
    await theirs.getByText('Globex').waitFor();

    await owner.goto('/p/PAY/requests');
    const request = owner.locator('.request', { hasText: 'Monthly statements as PDF' });
    await request.getByRole('button', { name: 'Triage…' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Triage the request' });
    await dialog.getByLabel('Link to an existing item').check();
    await dialog.getByLabel('Item', { exact: true }).fill('PDF');
    await dialog.getByRole('button', { name: /Invoices as PDF/ }).click();
    await dialog.getByRole('button', { name: 'Link to an existing item' }).click();
    await owner.getByText(/^Linked to PAY-\d+$/).waitFor();

    const linked = (
      await api.ok<{ items: Array<{ key: string; votes: number; customers: number; requests: number }> }>(
        'GET',
        '/api/products/PAY/items?sort=votes',
      )
    ).items[0]!;
    expect(linked).toMatchObject({ requests: 1, votes: 2, customers: 2 });
    await owner.goto(`/p/PAY/items/${linked.key}`);
    await owner.locator('.item-request-totals', { hasText: 'Acme Corp, Globex' }).waitFor();

    const states = (await api.ok<{ items: Array<{ id: number; name: string }> }>('GET', '/api/products/PAY/states')).items;
    const before = smtp.received.length;
    await api.ok('POST', `/api/items/${linked.key}/move`, { stateId: states.find((s) => s.name === 'Done')!.id, position: 'top' });

    await sales.getByTestId('bell').click();
    await sales
      .locator('.notification', {
        hasText: `Done: ${linked.key} Invoices as PDF, which your request “Monthly statements as PDF” asked for`,
      })
      .waitFor();
    await expect
      .poll(() => smtp.received.filter((m) => m.envelopeTo.includes('sam@example.com') && m.mail.subject?.startsWith('Done:')).length)
      .toBe(1);
    const mail = smtp.received.slice(before).find((m) => m.envelopeTo.includes('sam@example.com') && m.mail.subject?.startsWith('Done:'))!;
    expect(mail.mail.text).toContain(`https://ordo.example.com/p/PAY/items/${linked.key}`);
    expect(mail.mail.html).toContain(`https://ordo.example.com/p/PAY/items/${linked.key}`);
  });
});
