/**
 * Takes the screenshots of the product settings' Export and Webhooks sections, in light, dark and
 * on a phone: `node --import tsx test/e2e/exports-screenshots.ts`. A real server with a receiver
 * on this machine (one path answers 200, one 500), so the delivery log shows both outcomes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import buildWeb from './support/build-web.js';
import { signIn } from './support/demo-shots.js';
import { startOrdo } from '../support/ordo-process.js';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

async function main() {
  buildWeb();
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => (req.url === '/down' ? res.writeHead(500).end('upstream database unavailable') : res.end('ok')));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const server = await startOrdo({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  let browser: Browser | undefined;
  try {
    const { api, admin } = await Api.setup(server.url, server.setupToken);
    await api.createProduct('PAY', 'Payments');
    await api.ok('POST', '/api/products/PAY/webhooks', { url: `${base}/hooks/ordo`, events: ['item.*', 'comment.*'] });
    await api.ok('POST', '/api/products/PAY/webhooks', { url: `${base}/down`, events: ['sprint.*', 'release.*', 'item.moved'] });
    for (const title of ['Refund to original card', 'Duplicate charge on retry', 'Export statements as CSV'])
      await api.createItem('PAY', { title, type: 'story' });
    await api.ok('POST', '/api/products/PAY/sprints', { name: 'Sprint 14', goal: 'Refunds' });
    await new Promise((r) => setTimeout(r, 1500));

    browser = await launchBrowser();
    for (const [variant, viewport, colorScheme] of [
      ['light', { width: 1280, height: 900 }, 'light'],
      ['dark', { width: 1280, height: 900 }, 'dark'],
      ['phone', { width: 390, height: 844 }, 'light'],
    ] as const) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport,
        colorScheme,
        deviceScaleFactor: variant === 'phone' ? 2 : 1,
      });
      await signIn(context, server.url, admin);
      const page = await context.newPage();
      await page.goto('/p/PAY/settings');
      await page.getByLabel('Add a webhook: its URL').fill(`${base}/hooks/${variant}`);
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByTestId('webhook-secret').waitFor();
      await page.getByRole('button', { name: 'Deliveries', exact: true }).nth(1).click();
      await page.locator('.webhook-log').first().waitFor();
      await page.waitForTimeout(300);
      await page
        .locator('#export-heading')
        .locator('..')
        .locator('..')
        .screenshot({ path: path.join(OUT, `settings-export-${variant}.png`) });
      // Tall enough for the whole section: an element taller than the window is captured with a blank end.
      await page.setViewportSize({ width: viewport.width, height: 2600 });
      await page.locator('#webhooks').screenshot({ path: path.join(OUT, `settings-webhooks-${variant}.png`) });
      console.log(`docs/screenshots/settings-{export,webhooks}-${variant}.png`);
      await context.close();
    }
  } finally {
    await browser?.close();
    await server.close();
    receiver.close();
  }
}

await main();
