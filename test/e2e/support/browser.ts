import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, headless; `npx playwright install` cannot download browsers here. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/** A browser context signed in through the API, as a test not about signing in starts. */
export async function signedInContext(
  browser: Browser,
  url: string,
  user: { email: string; password: string },
  opts: { colorScheme?: 'light' | 'dark' } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const res = await context.request.post('/api/auth/login', {
    data: { email: user.email, password: user.password },
    headers: { origin: url },
  });
  if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}
