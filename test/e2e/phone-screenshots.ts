/**
 * Takes the screenshots of a product's main pages on a phone (390 × 844), and at 1280 px in light
 * and dark, from a real server holding `ordo demo`, signed in as the demo's owner:
 * `node --import tsx test/e2e/phone-screenshots.ts [out-dir]` (docs/screenshots by default; the
 * 1280 px ones go there only when it has none of that name yet, since screenshots.ts makes most).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS_DIR, signIn, withDemoServer } from './support/demo-shots.js';

const OUT = path.resolve(process.argv[2] ?? SHOTS_DIR);

await withDemoServer(async ({ url, demo, owner, eachVariant }) => {
  const key = demo.productKey;
  const sprints = await fetchAs<{ items: { id: number; state: string }[] }>(url, owner, `/api/products/${key}/sprints`);
  const active = sprints.items.find((s) => s.state === 'active')!;
  const board = await fetchAs<{ columns: { cards: { key: string; blocked: boolean }[] }[] }>(url, owner, `/api/products/${key}/board`);
  const blocked = board.columns.flatMap((c) => c.cards).find((c) => c.blocked)!;
  const pages: [name: string, path: string, ready: string][] = [
    ['backlog', `/p/${key}/backlog`, '.backlog-row'],
    ['board', `/p/${key}/board`, '.card'],
    ['item', `/p/${key}/items/${blocked.key}`, '.item-title, h1'],
    ['sprint', `/p/${key}/sprints/${active.id}`, '[data-testid="burndown"] canvas'],
    ['release', `/p/${key}/releases/${demo.releases[1]!.id}`, 'h1'],
    ['reports', `/p/${key}/reports`, 'canvas'],
    ['settings', `/p/${key}/settings`, '.state-row'],
    ['updates', `/p/${key}/updates`, 'h1'],
  ];
  await eachVariant(
    async ({ variant, context, page, shot }) => {
      await signIn(context, url, owner);
      for (const [name, to, ready] of pages) {
        if (variant !== 'phone' && fs.existsSync(path.join(OUT, `${name}-${variant}.png`)) && !process.argv[2]) continue;
        await page.goto(to);
        await page.locator(ready).first().waitFor();
        await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor();
        await page.waitForLoadState('networkidle');
        await shot(name);
      }
      // The menu open, once, on the phone.
      if (variant === 'phone') {
        await page.goto(`/p/${key}/backlog`);
        await page.getByTestId('menu-button').click();
        await page.locator('.sidebar.is-open').waitFor();
        await shot('menu');
      }
    },
    ['phone', 'light', 'dark'],
    OUT,
  );
});

async function fetchAs<T>(url: string, user: { email: string; password: string }, to: string): Promise<T> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${url}${to}`, { headers: { cookie } });
  return (await res.json()) as T;
}
