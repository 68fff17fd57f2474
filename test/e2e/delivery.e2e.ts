import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TForecastBacktest } from '../../src/contract/forecasts.js';
import type { TCumulativeFlow, TCycleTime, TThroughput } from '../../src/contract/reports.js';
import type { TRelease, TReleaseForecast } from '../../src/contract/releases.js';
import type { TSprint, TSprintDetail } from '../../src/contract/sprints.js';
import type { TProductDetail } from '../../src/contract/products.js';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { runOrdo, startOrdo, type OrdoProcess } from '../support/ordo-process.js';

interface DemoUser {
  role: string;
  email: string;
  password: string;
}

/** `ordo demo` on the server's own data directory: twelve weeks of history written through the real services. */
async function runDemo(server: OrdoProcess): Promise<DemoUser[]> {
  const { code, stdout, stderr } = await runOrdo(['demo', '--data-dir', server.dataDir!]);
  if (code !== 0) throw new Error(`ordo demo failed (${code}):\n${stderr}`);
  return [...stdout.matchAll(/^\s+(\w+)\s+(\S+@\S+)\s+(\S+)$/gm)].map(([, role, email, password]) => ({
    role: role!,
    email: email!,
    password: password!,
  }));
}

/** Pixels a canvas has drawn: a chart with data draws thousands, an empty one none. */
const drawnPixels = (canvas: Locator) =>
  canvas.evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

/** A real mouse drag, as the board test does: press, nudge so the browser starts dragging, move over the target, release. */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 4, a.y + a.height / 2 + 6, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.move(b.x + b.width / 2 + 1, b.y + b.height / 2, { steps: 2 });
  await page.mouse.up();
}

/** Scenarios 4 and 5 on screen: plan and run a sprint, read the truth about a release's date, read the flow charts. */
describe('delivery: sprints, release forecasts and flow charts', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let owner: Page;
  let users: DemoUser[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    api = (await Api.setup(server.url, server.setupToken)).api;
    users = await runDemo(server);
    const olivia = users.find((u) => u.role === 'owner')!;
    owner = await (await signedInContext(browser, server.url, olivia)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('puts the late release’s forecast sentence first, coloured by its chance, and recomputes it for another window', async () => {
    const releases = (await api.ok<{ items: TRelease[] }>('GET', '/api/products/DEMO/releases')).items;
    const late = releases.find((r) => !r.releasedAt)!;
    const expected = await api.ok<TReleaseForecast>('GET', `/api/releases/${late.id}/forecast?windowDays=84`);
    expect(expected.status).toBe('ok');

    await owner.goto('/p/DEMO/releases');
    const line = owner.getByTestId('release-line').filter({ hasText: late.name });
    await expect.poll(() => line.getByTestId('release-forecast').textContent()).toMatch(/^85 % by .* late · \d+ % chance of the target$/);
    await line.click();
    await owner.waitForURL(`**/p/DEMO/releases/${late.id}`);

    const sentence = owner.getByTestId('forecast-sentence');
    await expect.poll(() => sentence.textContent()).toBe(expected.message);
    expect(expected.message).toMatch(/^85 % likely by .* after the target of .*; \d+ % chance of making the target\.$/);
    const chance = expected.status === 'ok' ? expected.targetProbability! : 1;
    const health = chance >= 0.85 ? 'on_track' : chance >= 0.5 ? 'at_risk' : 'off_track';
    expect(await owner.getByTestId('forecast').locator('.health-badge').getAttribute('data-health')).toBe(health);
    // How far to trust it, and why, beside the sentence: the level, then each reason in the forecast's words.
    if (expected.status !== 'ok') throw new Error('the late release has a forecast');
    const confidence = owner.getByTestId('forecast-confidence');
    expect(await confidence.getAttribute('data-level')).toBe(expected.confidence.level);
    const levelWords = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' }[expected.confidence.level];
    expect(await confidence.locator('.confidence-level').textContent()).toMatch(new RegExp(`^${levelWords}`));
    expect(await confidence.locator('li').allTextContents()).toEqual(expected.confidence.reasons.map((r) => r.message));
    await expect.poll(() => drawnPixels(owner.getByTestId('forecast-histogram').locator('canvas'))).toBeGreaterThan(1000);
    expect(await owner.getByTestId('burnup').locator('canvas').count()).toBe(1);

    const fourWeeks = await api.ok<TReleaseForecast>('GET', `/api/releases/${late.id}/forecast?windowDays=28`);
    await owner.getByRole('radio', { name: '4 wk' }).click();
    await owner.waitForURL(/window=4/);
    await expect.poll(() => sentence.textContent()).toBe(fourWeeks.message);
  });

  it('answers “how good have our forecasts been?” in plain words, this release first', async () => {
    const late = (await api.ok<{ items: TRelease[] }>('GET', '/api/products/DEMO/releases')).items.find((r) => !r.releasedAt)!;
    const backtest = await api.ok<TForecastBacktest>('GET', '/api/products/DEMO/forecast-backtest?windowDays=84');
    await owner.goto(`/p/DEMO/releases/${late.id}`);
    const panel = owner.getByTestId('track-record');
    const toggle = panel.getByRole('button', { name: 'How good have our forecasts been?' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Reachable from the keyboard like every control on the page.
    await toggle.focus();
    await owner.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    const rows = panel.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-scope')).toBe(late.name);
    expect(await rows.first().getAttribute('class')).toContain('is-this-release');
    const next25 = backtest.horizons.find((h) => h.scope === 'next 25 items')!;
    expect(next25.summary).toMatch(
      /^Of \d+ forecasts made on weekdays (over the last year|since \d+ \w+), (\d+ can be judged: )?the 85 % date held \d+ times \(\d+ %, likely between \d+ % and \d+ %\)\.$/,
    );
    const row = panel.locator('tr[data-scope="next 25 items"]');
    expect(await row.locator('.track-summary').textContent()).toBe(next25.summary);
    const rates = next25.hits.map((hit) => (hit.rate === null ? '–' : `${Math.round(hit.rate * 100)} %`));
    expect(await row.locator('.track-rate').allTextContents()).toEqual(rates);
  });

  it('draws the four flow charts with data, filters them by type, and opens an item from its dot', async () => {
    const cfd = await api.ok<TCumulativeFlow>('GET', '/api/products/DEMO/reports/cfd');
    const throughput = await api.ok<TThroughput>('GET', '/api/products/DEMO/reports/throughput');
    const bugs = await api.ok<TCycleTime>('GET', '/api/products/DEMO/reports/cycle-time?type=bug');

    await owner.goto('/p/DEMO/reports');
    for (const id of ['cfd-chart', 'cycle-time-chart', 'throughput-chart', 'aging-chart']) {
      await expect.poll(() => drawnPixels(owner.getByTestId(id).locator('canvas')), { message: id }).toBeGreaterThan(1000);
    }
    const done = cfd.states.find((s) => s.category === 'done')!;
    const legend = (chart: string, series: string) =>
      owner.getByTestId(chart).locator(`[data-series="${series}"] .legend-value`).textContent();
    expect(await legend('report-cfd', done.name)).toBe(String(done.counts.at(-1)));
    expect(await legend('report-throughput', 'Finished in all')).toBe(String(throughput.items.reduce((a, b) => a + b, 0)));

    await owner.getByRole('group', { name: 'Report filters' }).getByRole('button', { name: 'Type' }).click();
    await owner.getByRole('option', { name: 'Bug' }).click();
    await owner.keyboard.press('Escape');
    await owner.waitForURL(/type=bug/);
    await expect
      .poll(() => owner.getByTestId('report-cycle-time').locator('.chart-legend-caption').textContent())
      .toBe(`${bugs.numbers.length} items`);

    // Move along the row of one bug's cycle time (the y axis runs from 0 to 8 % above the longest)
    // until the cursor rests on a dot: the tooltip names the item, and a click opens it.
    const over = owner.getByTestId('cycle-time-chart').locator('.u-over');
    const box = (await over.boundingBox())!;
    const tooltip = owner.getByTestId('cycle-time-chart').locator('.chart-tooltip');
    const top = Math.max(...bugs.cycleDays) * 1.08;
    const y = box.y + box.height * (1 - bugs.cycleDays[Math.floor(bugs.cycleDays.length / 2)]! / top);
    let found = false;
    for (let x = box.x + 2; x < box.x + box.width && !found; x += 6) {
      await owner.mouse.move(x, y);
      found = (await tooltip.count()) > 0;
    }
    expect(found).toBe(true);
    const key = (await tooltip.locator('strong').textContent())!.split(' ')[0]!;
    expect(key).toMatch(/^DEMO-\d+$/);
    await expect.poll(() => tooltip.textContent()).toMatch(/days from start to done/);
    await owner.mouse.down();
    await owner.mouse.up();
    await owner.waitForURL(`**/p/DEMO/items/${key}`);
  });

  /** ORDO_SCREENSHOTS=1 rewrites docs/screenshots/release-*.png from the demo's late release. */
  it.runIf(process.env.ORDO_SCREENSHOTS === '1')(
    'takes the release page with its confidence and track record, light and dark',
    async () => {
      const late = (await api.ok<{ items: TRelease[] }>('GET', '/api/products/DEMO/releases')).items.find((r) => !r.releasedAt)!;
      const olivia = users.find((u) => u.role === 'owner')!;
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await (await signedInContext(browser, server.url, olivia, { colorScheme })).newPage();
        await page.goto(`/p/DEMO/releases/${late.id}`);
        await page.getByTestId('forecast-confidence').waitFor();
        await expect.poll(() => drawnPixels(page.getByTestId('forecast-histogram').locator('canvas'))).toBeGreaterThan(1000);
        await page.screenshot({ path: `docs/screenshots/release-${colorScheme}.png` });
        await page.getByRole('button', { name: 'How good have our forecasts been?' }).click();
        await page.locator('.track-table').waitFor();
        await page.getByTestId('track-record').evaluate((el) => el.scrollIntoView({ block: 'end' }));
        await page.screenshot({ path: `docs/screenshots/release-track-record-${colorScheme}.png` });
        await page.close();
      }
    },
  );

  it('shows a stakeholder the sprints and releases without the owner’s tools', async () => {
    const sam = users.find((u) => u.role === 'stakeholder')!;
    const page = await (await signedInContext(browser, server.url, sam)).newPage();
    await page.goto('/p/DEMO/sprints');
    await page.getByTestId('active-sprint').waitFor();
    expect(await page.getByRole('button', { name: 'New sprint' }).count()).toBe(0);
    await page.getByTestId('active-sprint').click();
    await page.getByTestId('burndown').waitFor();
    expect(await page.getByRole('button', { name: /Close sprint|Add from the backlog|Edit/ }).count()).toBe(0);
    await page.goto('/p/DEMO/releases');
    await page.getByTestId('release-line').first().click();
    await page.getByTestId('forecast-sentence').waitFor();
    expect(await page.getByRole('button', { name: /Mark released|Reopen|Edit|Delete|Add items/ }).count()).toBe(0);
    await page.close();
  });

  it('plans a sprint by dragging and by selection, is told why it cannot start, closes the running one into it, and starts it', async () => {
    await owner.goto('/p/DEMO/sprints');
    await owner.getByRole('button', { name: 'New sprint' }).click();
    const dialog = owner.getByRole('dialog', { name: 'New sprint' });
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Sprint 7');
    await dialog.getByLabel('Goal').fill('Payouts merchants can trust');
    await dialog.getByRole('button', { name: 'Create sprint' }).click();
    await owner.waitForURL(/\/p\/DEMO\/sprints\/\d+$/);
    const sprintId = Number(owner.url().split('/').pop());
    await expect.poll(() => owner.getByTestId('sprint-goal').textContent()).toBe('Payouts merchants can trust');

    const backlog = owner.getByTestId('plan-backlog');
    const scope = owner.getByTestId('plan-scope');
    const candidates = backlog.locator('.candidate-row');
    await candidates.first().waitFor();
    const dragged = (await candidates.first().getAttribute('data-key'))!;
    await drag(owner, candidates.first(), scope);
    await scope.locator(`.scope-row[data-key="${dragged}"]`).waitFor();

    const picked = await candidates.evaluateAll((rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-key')!));
    for (const key of picked) await backlog.locator(`.candidate-row[data-key="${key}"] input[type=checkbox]`).check();
    await backlog.getByRole('button', { name: 'Add 2 to sprint' }).click();
    for (const key of picked) await scope.locator(`.scope-row[data-key="${key}"]`).waitFor();
    const planned = await api.ok<TSprintDetail>('GET', `/api/sprints/${sprintId}`);
    expect(planned.scope.map((i) => i.key).sort()).toEqual([dragged, ...picked].sort());

    // Sprint 6 still runs: the start is refused, with the reason and the way out.
    await owner.getByRole('button', { name: 'Start sprint' }).click();
    const start = owner.getByRole('dialog', { name: 'Start Sprint 7' });
    await start.getByRole('button', { name: 'Start sprint' }).click();
    const refusal = start.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toMatch(/^Not started: Sprint 6 is already active/);
    await refusal.getByRole('link', { name: 'Open Sprint 6 to close it' }).click();
    await owner.getByRole('button', { name: 'Close sprint' }).click();
    const close = owner.getByRole('dialog', { name: /^Close Sprint/ });
    expect(await close.getByRole('radio', { name: /Into the next sprint/ }).isChecked()).toBe(true);
    await close.getByRole('button', { name: 'Close sprint' }).click();
    await owner.locator('.sprint-badge', { hasText: 'Closed' }).waitFor();
    const sprints = (await api.ok<{ items: TSprint[] }>('GET', '/api/products/DEMO/sprints')).items;
    expect(sprints.find((s) => s.name === 'Sprint 6')).toMatchObject({ state: 'closed', completedItems: expect.any(Number) });

    await owner.goto(`/p/DEMO/sprints/${sprintId}`);
    await owner.getByRole('button', { name: 'Start sprint' }).click();
    // Started before its planned first day, it starts today, so its burndown begins now.
    expect(await start.getByLabel('Starts').inputValue()).toBe(new Date().toISOString().slice(0, 10));
    await start.getByRole('button', { name: 'Start sprint' }).click();
    await owner.locator('.sprint-badge', { hasText: 'Active' }).waitFor();
    expect(await owner.getByTestId('sprint-goal').textContent()).toBe('Payouts merchants can trust');
    await expect.poll(() => drawnPixels(owner.getByTestId('burndown').locator('canvas'))).toBeGreaterThan(100);
    const started = await api.ok<TSprintDetail>('GET', `/api/sprints/${sprintId}`);
    expect(started.state).toBe('active');
    // The carried-over work joined the three planned items.
    expect(started.scope.length).toBeGreaterThan(3);
    const progress = owner.getByTestId('progress-items');
    expect(await progress.textContent()).toContain(`${started.progress.items.done} of ${started.progress.items.total} items`);

    // Someone finishes an item on the board: the sprint page follows without a reload.
    const product = await api.ok<TProductDetail>('GET', '/api/products/DEMO');
    const done = product.states.find((s) => s.category === 'done')!;
    const open = started.scope.find((i) => i.stateCategory !== 'done')!;
    await api.ok('POST', `/api/items/${open.key}/move`, { stateId: done.id, override: true });
    await expect
      .poll(() => progress.textContent())
      .toContain(`${started.progress.items.done + 1} of ${started.progress.items.total} items`);
  });
});
