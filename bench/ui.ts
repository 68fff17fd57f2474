import type { Browser, Page } from 'playwright-core';
import { fixture, type Fixture } from './lib/fixture.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';
import { startOrdo, type OrdoProcess } from '../test/support/ordo-process.js';
import { launchBrowser } from '../test/e2e/support/browser.js';
import buildWeb from '../test/e2e/support/build-web.js';

/** Loads of the backlog measured after the first (cold) one, with the browser's cache warm. */
const WARM_LOADS = 5;
/** Frames of programmatic scrolling, and how far each frame scrolls (rows of 36 px). */
const SCROLL_FRAMES = 600;
const ROWS_PER_FRAME = 2;
/** A frame later than this counts as dropped (60 Hz with a little slack). */
const FRAME_BUDGET_MS = 1000 / 60;

export interface UiFigures {
  dialect: string;
  items: number;
  /** navigation start → first backlog rows on screen, first load (empty browser cache) */
  firstRowsColdMs: number;
  /** the same, median of warm loads */
  firstRowsWarmMs: number;
  frameMedianMs: number;
  frameP95Ms: number;
  droppedFrames: number;
  frames: number;
  /** rows scrolled past during the frame measurement */
  rowsScrolled: number;
  /** share of rows on screen that were still placeholders, sampled each frame */
  placeholderShare: number;
  /** dragging the scrollbar to the middle: time until real rows show there */
  jumpToMiddleMs: number;
}

/**
 * The web app on a 100,000-item product in Chromium: how long until the backlog's first rows
 * show, and how smoothly it scrolls (requestAnimationFrame deltas while the list scrolls by
 * itself, fetching pages as it goes).
 */
export async function uiBench(ctx: BenchContext = defaultContext()): Promise<SectionResult & { figures: UiFigures[] }> {
  buildWeb();
  const figures: UiFigures[] = [];
  const browser = await launchBrowser();
  try {
    for (const dialect of ctx.dialects) {
      const f = await fixture(dialect, { items: ctx.items, log: ctx.log });
      // A server started before the web app was built does not serve it; run one that does.
      const own = (await servesWebApp(f.server.url)) ? null : await startOrdo(f.serve);
      try {
        figures.push(await measure(browser, f, own ?? f.server, dialect, ctx));
      } finally {
        await own?.close();
      }
    }
  } finally {
    await browser.close();
  }

  const table: Table = {
    columns: [
      'dialect',
      'items',
      'first rows, cold (ms)',
      `first rows, warm median of ${WARM_LOADS} (ms)`,
      'frame median (ms)',
      'frame p95 (ms)',
      'dropped frames',
      'placeholder rows seen',
      'jump to middle (ms)',
    ],
    rows: figures.map((r) => [
      r.dialect,
      fmt.int(r.items),
      fmt.ms(r.firstRowsColdMs),
      fmt.ms(r.firstRowsWarmMs),
      fmt.ms(r.frameMedianMs),
      fmt.ms(r.frameP95Ms),
      `${r.droppedFrames} of ${r.frames}`,
      `${(r.placeholderShare * 100).toFixed(1)} %`,
      fmt.ms(r.jumpToMiddleMs),
    ]),
  };
  const notes = [
    'Chromium (Debian build, headless, no GPU) at 1280×800, signed in as an owner of the generated product; the server and the browser share this machine.',
    '"First rows" is navigation start to the first real backlog row in the page, read with performance.now() in the page: HTML, scripts, the signed-in user, then the product and the first page of 100 items side by side; the total is counted after the rows show. Cold is the first load in a fresh browser context; warm loads reuse its HTTP cache.',
    `Scrolling: the list scrolls itself by ${ROWS_PER_FRAME} rows (${ROWS_PER_FRAME * 36} px) per animation frame for ${SCROLL_FRAMES} frames, loading pages of 100 as it goes; a frame is dropped when it comes later than ${FRAME_BUDGET_MS.toFixed(1)} ms after the one before (missed vsyncs are counted).`,
    'Jump to middle: the scroll position is set to row 50,000 as a scrollbar drag would; pages load one after another (500 rows each while far behind) until that row is real.',
  ];
  for (const r of figures) {
    console.log(
      `ui [${r.dialect}] first rows ${fmt.ms(r.firstRowsColdMs)} ms cold, ${fmt.ms(r.firstRowsWarmMs)} ms warm; frames median ${fmt.ms(r.frameMedianMs)} ms, p95 ${fmt.ms(r.frameP95Ms)} ms, dropped ${r.droppedFrames}/${r.frames}; jump ${fmt.ms(r.jumpToMiddleMs)} ms`,
    );
  }
  return { tables: [table], notes, figures };
}

async function measure(browser: Browser, f: Fixture, server: OrdoProcess, dialect: string, ctx: BenchContext): Promise<UiFigures> {
  const user = await benchOwner(f, server.url);
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const login = await context.request.post('/api/auth/login', { data: user, headers: { origin: server.url } });
  if (login.status() !== 200) throw new Error(`bench sign-in failed: ${login.status()} ${await login.text()}`);
  await context.addInitScript({ content: MARK_FIRST_ROWS });
  const page = await context.newPage();
  const backlog = `/p/${f.big.key}/backlog`;

  ctx.log(`[${dialect}] ui: first rows`);
  const cold = await firstRows(page, backlog);
  const warm: number[] = [];
  for (let i = 0; i < WARM_LOADS; i++) warm.push(await firstRows(page, backlog));

  ctx.log(`[${dialect}] ui: scrolling`);
  const scroll = (await page.evaluate(`(${SCROLL_FRAMES_IN_PAGE})(${SCROLL_FRAMES}, ${ROWS_PER_FRAME * 36})`)) as {
    deltas: number[];
    scrolled: number;
    placeholderShare: number;
  };
  const sorted = [...scroll.deltas].sort((a, b) => a - b);
  const dropped = scroll.deltas.reduce((n, d) => n + Math.max(0, Math.round(d / FRAME_BUDGET_MS) - 1), 0);

  ctx.log(`[${dialect}] ui: jump to the middle`);
  const jump = (await page.evaluate(`(${JUMP_IN_PAGE})(${Math.floor(f.big.itemCount / 2)}, 120000)`)) as number;
  await context.close();
  return {
    dialect,
    items: f.big.itemCount,
    firstRowsColdMs: cold,
    firstRowsWarmMs: median(warm),
    frameMedianMs: median(sorted),
    frameP95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    droppedFrames: dropped,
    frames: scroll.deltas.length,
    rowsScrolled: Math.round(scroll.scrolled / 36),
    placeholderShare: scroll.placeholderShare,
    jumpToMiddleMs: jump,
  };
}

async function firstRows(page: Page, url: string): Promise<number> {
  await page.goto(url);
  // A function, not a string: the page's Content-Security-Policy forbids evaluating strings.
  await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, null, { timeout: 60_000 });
  return page.evaluate('window.__firstRows') as Promise<number>;
}

// The code below runs in the page. It is kept as source text: functions compiled for Node carry
// helpers (esbuild's __name) that the page does not have.

/** Marks the moment the first real row is in the page, in the page's own clock. */
const MARK_FIRST_ROWS = `
  new MutationObserver(() => {
    if (window.__firstRows === undefined && document.querySelector('.backlog-row:not(.is-pending)')) window.__firstRows = performance.now();
  }).observe(document, { childList: true, subtree: true });
`;

/** Scrolls the backlog a fixed step per frame and records each frame's delta. */
const SCROLL_FRAMES_IN_PAGE = `function (frames, step) {
  const list = document.querySelector('[data-testid="backlog-list"]');
  const deltas = [];
  let placeholders = 0;
  let rowsSeen = 0;
  const start = list.scrollTop;
  return new Promise((resolve) => {
    let last = 0;
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      placeholders += list.querySelectorAll('.backlog-row.is-pending').length;
      rowsSeen += list.querySelectorAll('.backlog-row').length;
      if (deltas.length >= frames) {
        resolve({ deltas, scrolled: list.scrollTop - start, placeholderShare: rowsSeen ? placeholders / rowsSeen : 0 });
        return;
      }
      list.scrollTop += step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      list.scrollTop += step;
      requestAnimationFrame(tick);
    });
  });
}`;

/** Sets the scroll position to a row and waits until the rows there are real. */
const JUMP_IN_PAGE = `function (row, timeoutMs) {
  const list = document.querySelector('[data-testid="backlog-list"]');
  const t0 = performance.now();
  list.scrollTop = row * 36;
  return new Promise((resolve) => {
    const check = () => {
      const rows = list.querySelectorAll('.backlog-row');
      const pending = list.querySelectorAll('.backlog-row.is-pending');
      if (rows.length > 0 && pending.length === 0) resolve(performance.now() - t0);
      else if (performance.now() - t0 > timeoutMs) resolve(NaN);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}`;

/** An owner with a password (the generator's owner has only a token), on the generated product. */
async function benchOwner(f: Fixture, url: string) {
  const email = `ui-bench-${Date.now()}@example.com`;
  const password = 'ui bench password';
  const call = async (method: string, p: string, body: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { ...f.auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  };
  await call('POST', '/api/users', { email, name: 'UI Bench', password });
  await call('PUT', `/api/products/${f.big.key}/members`, { email, role: 'owner' });
  return { email, password };
}

async function servesWebApp(url: string): Promise<boolean> {
  const res = await fetch(`${url}/`);
  return res.ok && (res.headers.get('content-type') ?? '').includes('text/html');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

function defaultContext(): BenchContext {
  return { dialects: ['sqlite'], items: 100_000, seconds: 5, log: (m) => console.log(`  ${m}`) };
}
