/**
 * Takes the screenshots of the import page (a Trello board's preview, an Ordo export's preview) in light, dark and on a phone:
 * `node --import tsx test/e2e/import-screenshots.ts`. Builds the web app first when it is stale.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import buildWeb from './support/build-web.js';
import { signIn } from './support/demo-shots.js';
import { startOrdo } from '../support/ordo-process.js';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const BOARD = path.resolve(import.meta.dirname, '..', 'fixtures', 'trello', 'avidyne-2016.json');

async function main() {
  buildWeb();
  const server = await startOrdo();
  let browser: Browser | undefined;
  try {
    const { admin, api } = await Api.setup(server.url, server.setupToken);
    // An Ordo export of a small product, as Settings → Export downloads it.
    await api.createProduct('GP', 'Garden Planner');
    for (const title of ['Plan the beds', 'Order the seeds', 'Build the compost bin', 'Fix the gate'])
      await api.createItem('GP', { title, type: 'story' });
    const ordo = Buffer.from(JSON.stringify(await api.ok('GET', '/api/products/GP/export?format=json')));
    browser = await launchBrowser();
    for (const [variant, viewport, colorScheme] of [
      ['light', { width: 1280, height: 860 }, 'light'],
      ['dark', { width: 1280, height: 860 }, 'dark'],
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
      await page.goto('/import');
      await page.getByLabel('Export file').setInputFiles(BOARD);
      await page.waitForFunction(() => (document.querySelector('#import-file') as HTMLInputElement).files?.length === 1);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.locator('.import-summary').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `import-preview-${variant}.png`), fullPage: variant !== 'phone' });
      console.log(`docs/screenshots/import-preview-${variant}.png`);

      await page.goto('/import');
      await page.getByLabel('Export file').setInputFiles({ name: 'garden-planner.json', mimeType: 'application/json', buffer: ordo });
      await page.waitForFunction(() => (document.querySelector('#import-format') as HTMLSelectElement).value === 'ordo');
      await page.getByLabel('Product key').fill('GARDEN');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.locator('.import-summary').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `import-ordo-preview-${variant}.png`), fullPage: variant !== 'phone' });
      console.log(`docs/screenshots/import-ordo-preview-${variant}.png`);
      await context.close();
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

await main();
