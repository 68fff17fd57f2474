/**
 * Takes the screenshots of the team's screens (inbox, decision log, requests, the bell) from a real
 * server holding `ordo demo`, signed in as the demo's owner, in light, dark and on a phone:
 * `node --import tsx test/e2e/team-screenshots.ts`. Builds the web app first when it is stale.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateDemo } from '../../src/cli/demo.js';
import { loadConfig } from '../../src/cli/config.js';
import { openRuntime } from '../../src/cli/runtime.js';
import { launchBrowser } from './support/browser.js';
import buildWeb, { WEB_DIR } from './support/build-web.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');

async function main() {
  buildWeb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-shots-'));
  const runtime = await openRuntime(loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }));
  const demo = await generateDemo(runtime.ctx, {});
  await runtime.close();
  const owner = demo.users.find((u) => u.role === 'owner')!;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, WEB_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '', SMTP_URL: 'smtp://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Ordo is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    for (const [variant, viewport, colorScheme] of [
      ['light', { width: 1280, height: 860 }, 'light'],
      ['dark', { width: 1280, height: 860 }, 'dark'],
      ['phone', { width: 390, height: 844 }, 'light'],
    ] as const) {
      const context = await browser.newContext({ baseURL: url, viewport, colorScheme, deviceScaleFactor: variant === 'phone' ? 2 : 1 });
      const login = await context.request.post('/api/auth/login', {
        data: { email: owner.email, password: owner.password },
        headers: { origin: url },
      });
      if (login.status() !== 200) throw new Error(`sign-in failed: ${login.status()}`);
      const page = await context.newPage();
      const shot = async (name: string) => {
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(OUT, `${name}-${variant}.png`) });
        console.log(`docs/screenshots/${name}-${variant}.png`);
      };
      await page.goto('/inbox');
      await page.locator('.question').first().waitFor();
      await shot('inbox');
      await page.goto(`/p/${demo.productKey}/decisions`);
      await page.locator('.decision').first().waitFor();
      await shot('decisions');
      await page.goto(`/p/${demo.productKey}/requests?state=linked`);
      await page.locator('.request').first().waitFor();
      await shot('requests');
      await open(page, `/p/${demo.productKey}/board`);
      await page.getByTestId('bell').click();
      await page.locator('.notification').first().waitFor();
      await shot('bell');
      await context.close();
    }
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function open(page: Page, to: string) {
  await page.goto(to);
  await page.getByTestId('bell').waitFor();
}

await main();
