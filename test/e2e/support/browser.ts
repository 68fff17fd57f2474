import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const violations: string[] = [];

/**
 * What the browser refused because of the Content-Security-Policy since the last call: every
 * end-to-end test ends by checking it is empty (test/e2e/support/setup.ts), so a page that needs
 * an inline script or a foreign origin fails its test rather than breaking silently in production.
 */
export function takeCspViolations(): string[] {
  return violations.splice(0);
}

function watch(context: BrowserContext) {
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(`${m.location().url}: ${m.text()}`);
  });
}

/** Debian's Chromium, headless; `npx playwright install` cannot download browsers here. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // Every context, however a test makes it, reports its CSP violations.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    watch(context);
    return context;
  };
  return browser;
}

/** A browser context signed in through the API, as a test not about signing in starts. */
export async function signedInContext(
  browser: Browser,
  url: string,
  user: { email: string; password: string },
  opts: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const res = await context.request.post('/api/auth/login', {
    data: { email: user.email, password: user.password },
    headers: { origin: url },
  });
  if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}
