import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { verifySignature } from '../../src/services/webhooks/sign.js';

/** An owner takes the product out (JSON and CSV) and plugs another tool in with a webhook, from the settings page. */
describe('Settings: export the product, add a webhook', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let page: Page;
  let api: Api;
  let receiver: http.Server;
  let hookUrl: string;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ordo`;
    // The receiver is on this machine: the admin allows private addresses for this server.
    [server, browser] = await Promise.all([startOrdo({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } }), launchBrowser()]);
    let admin;
    ({ api, admin } = await Api.setup(server.url, server.setupToken));
    await api.createProduct('PAY', 'Payments');
    await api.createItem('PAY', { title: 'Refund to original card', type: 'story' });
    await api.createItem('PAY', { title: 'Statements, as "CSV"', type: 'task' });
    const context = await signedInContext(browser, server.url, admin);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('downloads everything as an Ordo export and the items as CSV', async () => {
    await page.goto('/p/PAY/settings');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download everything (JSON)' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^PAY-\d{4}-\d{2}-\d{2}\.ordo\.json$/);
    const file = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(file.ordoExport).toBe(2);
    expect(file.items.map((i: { title: string }) => i.title)).toEqual(['Refund to original card', 'Statements, as "CSV"']);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download items (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain('"Statements, as ""CSV"""');
  });

  it('adds a webhook, shows its secret once, and its deliveries arrive signed and show as delivered', async () => {
    await page.goto('/p/PAY/settings');
    await page.getByLabel('Add a webhook: its URL').fill(hookUrl);
    await page.getByRole('checkbox', { name: 'Comments' }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByText(hookUrl).waitFor();

    await api.createItem('PAY', { title: 'Sent to the webhook', type: 'bug' });
    await expect.poll(() => received.length).toBe(1);
    const [sent] = received;
    expect(verifySignature(secret, String(sent!.headers['ordo-signature']), sent!.body)).toBe(true);
    expect(JSON.parse(sent!.body)).toMatchObject({ event: 'item.created', product: 'PAY' });

    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByRole('cell', { name: 'Delivered' }).waitFor();
    await page.getByRole('cell', { name: 'item.created' }).waitFor();
    await page.getByRole('button', { name: 'Redeliver' }).click();
    await expect.poll(() => received.length).toBe(2);
    expect(JSON.parse(received[1]!.body).eventId).toBe(JSON.parse(sent!.body).eventId);
  });
});
