import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** The bell: a notification appears live, opens what it is about, and can come by e-mail. */
describe('the bell', () => {
  let server: OrdoProcess;
  let smtp: SmtpReceiver;
  let browser: Browser;
  let dev: Page;
  let api: Api;
  let devUser: { id: number; email: string; password: string };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    [server, browser] = await Promise.all([startOrdo({ env: { SMTP_URL: smtp.url } }), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    devUser = await api.createUser('Dev Patel', 'dev@example.com');
    await api.addMember('PAY', devUser.email, 'developer');
    dev = await (await signedInContext(browser, server.url, devUser)).newPage();
    await dev.goto('/p/PAY/backlog');
    await dev.getByTestId('bell').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const unread = () => dev.getByTestId('bell').getAttribute('data-unread');

  it('shows an assignment live, opens the item from it and counts it read', async () => {
    expect(await unread()).toBe('0');
    const item = await api.createItem('PAY', { title: 'Refund to original card' });
    await api.ok('PATCH', `/api/items/${item.key}`, { assigneeId: devUser.id, version: item.version });
    await expect.poll(unread).toBe('1');
    await dev.getByTestId('bell').click();
    const row = dev.locator('.notification', { hasText: `Ann Owner assigned ${item.key} to you` });
    await expect.poll(() => row.count()).toBe(1);
    await row.locator('.notification-open').click();
    await dev.waitForURL(`**/p/PAY/items/${item.key}`);
    await expect.poll(unread).toBe('0');
  });

  it('marks everything read at once', async () => {
    for (const title of ['Duplicate charge on retry', 'Export statements as CSV']) {
      const item = await api.createItem('PAY', { title });
      await api.ok('PATCH', `/api/items/${item.key}`, { assigneeId: devUser.id, version: item.version });
    }
    await expect.poll(unread).toBe('2');
    await dev.getByTestId('bell').click();
    await dev.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(unread).toBe('0');
    await dev.keyboard.press('Escape');
  });

  it('lets a person choose e-mail per kind, and the e-mail arrives', async () => {
    await dev.goto('/settings/notifications');
    const emailForAssignments = dev.getByLabel('an item is assigned to me: And by e-mail');
    await expect.poll(() => emailForAssignments.isChecked()).toBe(true);
    await dev.getByLabel('an item is assigned to me: In Ordo').check();
    await dev.getByText('Saved').first().waitFor();
    const before = smtp.received.length;
    const quiet = await api.createItem('PAY', { title: 'Quiet one' });
    await api.ok('PATCH', `/api/items/${quiet.key}`, { assigneeId: devUser.id, version: quiet.version });
    await expect.poll(unread).toBe('1');
    await dev.getByLabel('an item is assigned to me: And by e-mail').check();
    await dev.getByText('Saved').first().waitFor();
    const loud = await api.createItem('PAY', { title: 'Loud one' });
    await api.ok('PATCH', `/api/items/${loud.key}`, { assigneeId: devUser.id, version: loud.version });
    await expect.poll(() => smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.envelopeTo).toEqual(['dev@example.com']);
    expect(mail.mail.subject).toBe(`Ann Owner assigned ${loud.key} to you`);
    expect(mail.mail.text).toContain(`${server.url}/p/PAY/items/${loud.key}`);
  });
});
