import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSprint } from '../../src/contract/sprints.js';
import { Api } from './support/api.js';
import { expectNoSeriousViolations, expectPageStructure, seriousViolations } from './support/a11y.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { runOrdo, startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/**
 * Every page of the app, on `ordo demo`'s product, in light and in dark: its own title, one main
 * landmark, one h1, and no serious or critical axe-core violation.
 */
describe('accessibility: every page, light and dark', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let admin: { email: string; password: string };
  const pages: { path: string; title: string; ready: string }[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    admin = setup.admin;
    const demo = await runOrdo(['demo', '--data-dir', server.dataDir!]);
    if (demo.code !== 0) throw new Error(`ordo demo failed: ${demo.stderr}`);
    const api = setup.api;
    const sprints = (await api.ok<{ items: TSprint[] }>('GET', '/api/products/DEMO/sprints')).items;
    const sprint = sprints.find((s) => s.state === 'active')!;
    const release = (await api.ok<{ items: { id: number; name: string }[] }>('GET', '/api/products/DEMO/releases')).items[0]!;
    const item = (await api.ok<{ items: { key: string; title: string }[] }>('GET', '/api/products/DEMO/items?limit=1')).items[0]!;
    const product = (t: string) => `${t} · Payments — Ordo`;
    pages.push(
      { path: '/', title: 'Products — Ordo', ready: '.product-list' },
      { path: '/inbox', title: 'Inbox — Ordo', ready: 'h1' },
      { path: '/tokens', title: 'API tokens — Ordo', ready: 'h1' },
      { path: '/users', title: 'People — Ordo', ready: 'h1' },
      { path: '/settings/notifications', title: 'Notifications — Ordo', ready: 'h1' },
      { path: '/portfolio', title: 'Portfolio — Ordo', ready: 'h1' },
      { path: '/profile', title: 'Profile — Ordo', ready: 'h1' },
      { path: '/import', title: 'Import — Ordo', ready: 'h1' },
      { path: '/p/DEMO/backlog', title: product('Backlog'), ready: '.backlog-row' },
      { path: '/p/DEMO/board', title: product('Board'), ready: '.card' },
      { path: `/p/DEMO/items/${item.key}`, title: product(`${item.key} ${item.title}`), ready: '.item-title' },
      { path: '/p/DEMO/sprints', title: product('Sprints'), ready: 'h1' },
      { path: `/p/DEMO/sprints/${sprint.id}`, title: product(sprint.name), ready: '[data-testid="burndown"] canvas' },
      { path: '/p/DEMO/releases', title: product('Releases'), ready: 'h1' },
      { path: `/p/DEMO/releases/${release.id}`, title: product(release.name), ready: '[data-testid="forecast"]' },
      { path: '/p/DEMO/requests', title: product('Requests'), ready: 'h1' },
      { path: '/p/DEMO/questions', title: product('Questions'), ready: 'h1' },
      { path: '/p/DEMO/decisions', title: product('Decisions'), ready: 'h1' },
      { path: '/p/DEMO/reports', title: product('Reports'), ready: 'canvas' },
      { path: '/p/DEMO/updates', title: product('Status updates'), ready: 'h1' },
      { path: '/p/DEMO/settings', title: product('Settings'), ready: '.state-row' },
      { path: '/nowhere', title: 'Not found — Ordo', ready: 'h1' },
    );
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(page: Page, path: string, ready: string) {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`names every page, gives it one main and one h1, and axe finds nothing serious [${colorScheme}]`, async () => {
      const context: BrowserContext = await signedInContext(browser, server.url, admin, { colorScheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const p of pages) {
        await visit(page, p.path, p.ready);
        await expectPageStructure(page, p.title);
        found.push(...(await seriousViolations(page)).map((v) => `${p.path}: ${v}`));
      }
      expect(found, `axe-core, ${colorScheme}`).toEqual([]);
      await context.close();
    }, 240_000);

    it(`keeps the sign-in page accessible and free of console errors [${colorScheme}]`, async () => {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await visit(page, '/login', '.auth-card');
      await expectPageStructure(page, 'Sign in — Ordo');
      await expectNoSeriousViolations(page, `/login (${colorScheme})`);
      await visit(page, '/api/docs', '#docs .swagger-ui');
      if (errors.length) throw new Error(`console errors: ${errors.join('\n')}`);
      await context.close();
    });
  }
});
