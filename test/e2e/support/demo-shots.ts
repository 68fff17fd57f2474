/**
 * What the screenshot scripts that show `ordo demo` share: the web app built, a demo made in a
 * fresh data directory, a real `ordo serve` on it, Chromium, and one browser context per variant
 * (light and dark at a laptop's width, a phone at 390 × 844) with a `shot` that names the file
 * `<name>-<variant>.png`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateDemo, type DemoResult } from '../../../src/cli/demo.js';
import { loadConfig } from '../../../src/cli/config.js';
import { openRuntime } from '../../../src/cli/runtime.js';
import { launchBrowser } from './browser.js';
import buildWeb, { WEB_DIR } from './build-web.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const SHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');

export type Variant = 'light' | 'dark' | 'phone';
const VIEWPORTS: Record<Variant, { width: number; height: number }> = {
  light: { width: 1280, height: 860 },
  dark: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
};

export interface DemoShots {
  url: string;
  demo: DemoResult;
  owner: DemoResult['users'][number];
  browser: Browser;
  /** a context per variant, in order, closed after `fn` */
  eachVariant(
    fn: (v: {
      variant: Variant;
      context: BrowserContext;
      page: Page;
      shot: (name: string, fullPage?: boolean) => Promise<void>;
    }) => Promise<void>,
    variants?: Variant[],
    out?: string,
  ): Promise<void>;
}

/** Signs the context in as `who` (its cookie then goes with every page of it). */
export async function signIn(context: BrowserContext, url: string, who: { email: string; password: string }) {
  const login = await context.request.post('/api/auth/login', {
    data: { email: who.email, password: who.password },
    headers: { origin: url },
  });
  if (login.status() !== 200) throw new Error(`sign-in failed: ${login.status()}`);
}

/** Runs `fn` against a demo server and a browser, and cleans both up whatever happens. */
export async function withDemoServer(fn: (s: DemoShots) => Promise<void>): Promise<void> {
  buildWeb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-shots-'));
  const runtime = await openRuntime(loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }));
  const demo = await generateDemo(runtime.ctx, {});
  await runtime.close();
  // SMTP at a closed port: e-mails are queued and fail quietly, the screens are what matters here.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, WEB_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '', SMTP_URL: 'smtp://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let browser: Browser | undefined;
  try {
    const url = await listening(child);
    browser = await launchBrowser();
    const b = browser;
    await fn({
      url,
      demo,
      owner: demo.users.find((u) => u.role === 'owner')!,
      browser: b,
      async eachVariant(each, variants = ['light', 'dark', 'phone'], out = SHOTS_DIR) {
        fs.mkdirSync(out, { recursive: true });
        for (const variant of variants) {
          const context = await b.newContext({
            baseURL: url,
            viewport: VIEWPORTS[variant],
            colorScheme: variant === 'dark' ? 'dark' : 'light',
            deviceScaleFactor: variant === 'phone' ? 2 : 1,
          });
          const page = await context.newPage();
          const shot = async (name: string, fullPage = false) => {
            // Transitions and late fonts settle first.
            await page.waitForTimeout(300);
            const file = path.join(out, `${name}-${variant}.png`);
            await page.screenshot({ path: file, fullPage });
            console.log(path.relative(ROOT, file));
          };
          try {
            await each({ variant, context, page, shot });
          } finally {
            await context.close();
          }
        }
      },
    });
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`ordo serve exited (${code}) before it listened`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Ordo is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
}
