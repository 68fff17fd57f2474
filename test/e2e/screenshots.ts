/**
 * Takes the screenshots in docs/screenshots/ from a real server with a realistic backlog:
 * `node --import tsx test/e2e/screenshots.ts`. Builds the web app first when it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TProductDetail } from '../../src/contract/products.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import buildWeb from './support/build-web.js';
import { runOrdo, startOrdo } from '../support/ordo-process.js';
import type { TSprint } from '../../src/contract/sprints.js';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

type Seed = [
  title: string,
  type: string,
  labels: string[],
  estimate: number | null,
  wsjf: number[] | null,
  assignee: string | null,
  state: string,
  epic: number | null,
  blocked?: string,
];

const TEAM: [string, string, string][] = [
  ['Sara Kim', 'sara@example.com', 'developer'],
  ['Omar Ali', 'omar@example.com', 'developer'],
  ['Lena Weiss', 'lena@example.com', 'qa'],
  ['Tom Berg', 'tom@example.com', 'stakeholder'],
];
const EPICS = ['Refunds without support tickets', 'Statements customers can trust', 'Faster checkout on mobile'];
const ITEMS: Seed[] = [
  ['Refund to original card', 'story', ['billing'], 5, [8, 5, 3, 2], 'Sara Kim', 'Done', 0],
  [
    'Duplicate charge on retry',
    'bug',
    ['billing', 'api'],
    2,
    [13, 13, 8, 2],
    'Omar Ali',
    'In progress',
    null,
    'Waiting on the card processor to confirm idempotency keys',
  ],
  ['Export statements as CSV', 'story', ['export'], 3, [5, 3, 2, 3], null, 'Done', 1],
  ['Show refund status to the customer', 'story', ['ux', 'billing'], 3, [8, 5, 2, 3], 'Lena Weiss', 'Review', 0],
  ['Partial refunds for multi-item orders', 'story', ['billing'], 8, [8, 3, 3, 5], 'Sara Kim', 'In progress', 0],
  ['Spike: Apple Pay on the web', 'spike', ['mobile'], 2, [5, 3, 8, 1], 'Omar Ali', 'To do', 2],
  ['Statement PDF shows the wrong currency symbol', 'bug', ['export', 'i18n'], 1, [5, 8, 2, 1], 'Sara Kim', 'To do', 1],
  ['Save card for next purchase', 'story', ['mobile', 'checkout'], 5, [8, 3, 2, 5], null, 'To do', 2],
  ['Rate-limit the refunds API', 'task', ['api', 'security'], 3, [3, 2, 8, 3], null, 'Backlog', null],
  ['Monthly statement email', 'story', ['export'], 5, [5, 2, 1, 5], null, 'Backlog', 1],
  ['Checkout in one tap for returning customers', 'story', ['checkout', 'mobile'], 8, [13, 5, 3, 8], null, 'Backlog', 2],
  ['Migrate webhooks to signed payloads', 'task', ['api', 'security'], 3, [3, 5, 8, 3], 'Omar Ali', 'Backlog', null],
  ['Chargeback evidence upload', 'story', ['disputes'], 5, [5, 5, 5, 5], null, 'Backlog', null],
  ['Decline reasons in plain words', 'story', ['ux', 'checkout'], 2, [5, 2, 1, 2], null, 'Backlog', 2],
  ['Payout report by region', 'story', ['reporting'], 5, [3, 2, 1, 5], null, 'Backlog', null],
];
const MORE = [
  'Audit log for refund approvals',
  'Retry failed payouts automatically',
  'Show fees on the statement',
  'Tax lines on invoices',
  'Card processor API upgrade',
  'Reconcile settlements nightly',
  'Customers download their receipts',
  'Refund reasons to choose from',
  'Mask card numbers in logs',
  'Currency conversion preview',
  'Bulk refunds for support',
  'Dispute notifications by email',
  'Invoice numbering per country',
  'Split a payment between two cards',
  'Pay by bank transfer',
  'Recurring payments for subscriptions',
  'Failed payment reminder emails',
  'Search statements by amount',
  'Refund to store credit',
  'Fraud score on the order page',
  'Export to accounting software',
  'Two-person approval for large refunds',
  'Payment links for invoices',
  'Webhooks dashboard',
  'Checkout accessibility review',
  'Remove the legacy wallet flow',
  'Load test the refunds service',
  'Document the payouts API',
  'Onboarding checklist for merchants',
  'Checkout in German',
];
const LABELS = ['billing', 'export', 'api', 'mobile', 'ux', 'security', 'checkout', 'reporting', 'i18n', 'ops'];
const TYPES = ['story', 'story', 'story', 'bug', 'task', 'story', 'bug', 'task'];
MORE.forEach((title, i) =>
  ITEMS.push([
    title,
    TYPES[i % TYPES.length]!,
    [LABELS[i % LABELS.length]!, ...(i % 3 === 0 ? [LABELS[(i + 3) % LABELS.length]!] : [])],
    [1, 2, 3, 5, 8, null][i % 6]!,
    i % 4 === 0 ? null : [(i % 5) + 2, (i % 3) + 1, (i % 4) + 1, (i % 3) + 2],
    null,
    'Backlog',
    i % 5 === 0 ? i % 3 : null,
  ]),
);

async function seed(api: Api) {
  for (const [key, name] of [
    ['PAY', 'Payments'],
    ['MOB', 'Mobile app'],
    ['WEB', 'Website'],
  ] as const)
    await api.createProduct(key, name);
  const product = await api.ok<TProductDetail>('GET', '/api/products/PAY');
  await api.ok('PATCH', '/api/products/PAY', {
    vision: 'Every customer gets paid and refunded without writing to support.',
    version: product.version,
  });
  const ids: Record<string, number> = {};
  for (const [name, email, role] of TEAM) {
    ids[name] = (await api.createUser(name, email)).id;
    await api.addMember('PAY', email, role);
  }
  const state = Object.fromEntries(product.states.map((s) => [s.name, s.id]));
  await api.ok('PATCH', `/api/products/PAY/states/${state['In progress']}`, {
    wipLimit: 4,
    entryRules: ['ready.estimate', 'ready.criteria'],
  });
  await api.ok('PATCH', `/api/products/PAY/states/${state['Done']}`, { entryRules: ['done.criteria_accepted'] });
  const epics: string[] = [];
  for (const title of EPICS) epics.push((await api.createItem('PAY', { title, type: 'epic', labels: ['roadmap'] })).key);
  for (const [title, type, labels, estimate, wsjf, assignee, stateName, epic, blocked] of ITEMS) {
    const item = await api.createItem('PAY', {
      title,
      type,
      labels,
      estimate,
      parentKey: epic === null ? null : epics[epic],
      assigneeId: assignee ? ids[assignee] : null,
      ...(wsjf ? { businessValue: wsjf[0], timeCriticality: wsjf[1], riskReduction: wsjf[2], jobSize: wsjf[3] } : {}),
      ...(blocked ? { blocked: true, blockedReason: blocked } : {}),
    });
    if (stateName !== 'Backlog') await api.ok('POST', `/api/items/${item.key}/move`, { stateId: state[stateName], override: true });
    if (title === PEEKED) await tell(api, item.key);
  }
}

/** The item the backlog's peek panel shows: told in enough words to read beside the list. */
const PEEKED = 'Partial refunds for multi-item orders';

async function tell(api: Api, key: string) {
  const { version } = await api.ok<{ version: number }>('GET', `/api/items/${key}`);
  await api.ok('PATCH', `/api/items/${key}`, {
    description:
      'When a customer returns **one item** of an order, support refunds the whole order and charges again.\n\n' +
      'Refund the returned lines only, to the card that paid, and show the customer what came back.',
    version,
  });
  for (const text of ['Refunds one line of a three-line order', 'The receipt lists the refunded line', 'Works for EUR, GBP and USD'])
    await api.ok('POST', `/api/items/${key}/criteria`, { text });
}

async function main() {
  buildWeb();
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startOrdo();
  let browser: Browser | undefined;
  try {
    const { api, admin } = await Api.setup(server.url, server.setupToken);
    await seed(api);
    browser = await launchBrowser();
    const phone = { width: 390, height: 844 };
    const shot = async (
      name: string,
      colorScheme: 'light' | 'dark',
      url: string,
      ready: string,
      signedIn = true,
      viewport = { width: 1280, height: 800 },
    ) => {
      const context =
        signedIn && viewport.width === 1280
          ? await signedInContext(browser!, server.url, admin, { colorScheme })
          : await browser!.newContext({ baseURL: server.url, viewport, colorScheme });
      if (signedIn && viewport.width !== 1280)
        await context.request.post('/api/auth/login', {
          data: { email: admin.email, password: admin.password },
          headers: { origin: server.url },
        });
      const page = await context.newPage();
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      // Let epic progress and the live indicator settle.
      await page.locator('[data-testid="live-indicator"][data-state="live"], .auth-card, .product-list').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.mouse.move(0, viewport.height - 1);
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      console.log(`docs/screenshots/${name}.png`);
      await context.close();
    };
    await shot('login-light', 'light', '/login', '.auth-card', false);
    await shot('products-light', 'light', '/', '.product-list');
    await shot('backlog-light', 'light', '/p/PAY/backlog', '.backlog-row .epic-progress');
    await shot('backlog-dark', 'dark', '/p/PAY/backlog', '.backlog-row .epic-progress');
    await shot('settings-light', 'light', '/p/PAY/settings', '.state-row');

    // The peek panel beside the backlog, and as a phone's sheet.
    const peeked = (await api.ok<{ items: { key: string; title: string }[] }>('GET', '/api/products/PAY/items?limit=500')).items.find(
      (i) => i.title === PEEKED,
    )!.key;
    const peek = `/p/PAY/backlog?peek=${peeked}`;
    const peekReady = '[data-testid="peek-panel"] .criteria li';
    await shot('backlog-peek-light', 'light', peek, peekReady);
    await shot('backlog-peek-dark', 'dark', peek, peekReady);
    await shot('backlog-peek-phone', 'light', peek, peekReady, true, phone);

    // A closed sprint's record, on the demo's twelve weeks of history.
    const demo = await runOrdo(['demo', '--data-dir', server.dataDir!]);
    if (demo.code !== 0) throw new Error(`ordo demo failed: ${demo.stderr}`);
    const sprints = (await api.ok<{ items: TSprint[] }>('GET', '/api/products/DEMO/sprints')).items;
    const closed = sprints.filter((s) => s.state === 'closed').at(-1)!;
    const sprint = `/p/DEMO/sprints/${closed.id}`;
    await shot('sprint-light', 'light', sprint, '[data-testid="burndown"] canvas');
    await shot('sprint-dark', 'dark', sprint, '[data-testid="burndown"] canvas');
    await shot('sprint-phone', 'light', sprint, '[data-testid="sprint-record"]', true, phone);
  } finally {
    await browser?.close();
    await server.close();
  }
}

await main();
