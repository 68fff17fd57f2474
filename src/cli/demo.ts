import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';
import { finishDemoBuild, keepDemoBuildAlive, removeAbandonedDemos, removeDemo, startDemoBuild, type DemoBuild } from './demo-builds.js';
import { MovableClock } from './seed/clock.js';
import { editItem, editRelease } from './seed/history.js';
import { seedUser, type SeededUser } from './seed/people.js';
import { seedProduct, type SeededProduct } from './seed/product.js';
import { AppError } from '../domain/errors.js';
import { DAY_MS, dayOf, isoDay } from '../domain/dates.js';
import { Random, seedFrom } from '../domain/random.js';
import type { ProductRole } from '../domain/roles.js';
import type { TItem, TUpdateItemRequest } from '../contract/items.js';
import type { TRelease } from '../contract/releases.js';
import type { Actor, ServiceContext } from '../services/context.js';
import { createComment } from '../services/comments.js';
import { createCriterion, updateCriterion } from '../services/criteria.js';
import { forecastRelease } from '../services/forecasts.js';
import { seedTeamDemo } from './demo-team.js';
import { seedReportingDemo, type ReportingDemoResult } from './demo-reporting.js';
import { holdWorkBack, showTheWorkflow } from './demo-workflow.js';
import { createItem } from '../services/items/create-item.js';
import { createRelease } from '../services/releases.js';
import { addSprintItems } from '../services/sprints/add-sprint-items.js';
import { closeSprint } from '../services/sprints/close-sprint.js';
import { createSprint } from '../services/sprints/create-sprint.js';
import { startSprint } from '../services/sprints/start-sprint.js';

/**
 * `ordo demo`: a product with twelve weeks of believable history, made by driving the real
 * services under a movable clock, so every timestamp and activity row is what Ordo itself would
 * have written. Items walk To do → In progress → Review → Done day by day at 2–5 a working day;
 * six two-week sprints (five closed); two releases, the first shipped on time, the second
 * honestly late. The same key and seed give the same product every time.
 *
 * The scenario is the sequence of steps in generateDemo: set-up on the first morning, then each
 * day of the history (the sprint's turn, then WORKING_DAY's steps on weekdays). The building
 * blocks (clock, people, product, edits at the current version) are in ./seed/.
 */

const HISTORY_DAYS = 81;
const SPRINT_DAYS = 14;
const WIP = 9;
const HOUR_MS = 3_600_000;

export interface DemoItem {
  key: string;
  type: string;
  estimate: number | null;
  epic: number;
  criteria: number[];
  state: 'backlog' | 'todo' | 'progress' | 'review' | 'done';
  readyDay: number;
  blockedUntil: number | null;
  assignee: number | null;
  inSprint: boolean;
  /** held back by an outside party until today (demo-workflow.ts) */
  stuck?: boolean;
}

/** What the demo's steps share: the product, its people, and where its work stands. */
export interface Demo {
  /** the services under the demo's clock */
  ctx: ServiceContext;
  clock: MovableClock;
  /**
   * The demo's random stream: every draw shifts the ones after it. A new step draws from a stream
   * of its own (`new Random(seedFrom('ordo-demo', demo.key, 'questions'))`), so adding it leaves
   * the rest of the product as it was.
   */
  rng: Random;
  key: string;
  /** the day number (days since the epoch) of today, and midnight of the history's first day */
  today: number;
  start: number;
  product: SeededProduct;
  owner: Actor;
  developers: Actor[];
  qa: Actor;
  stakeholder: Actor;
  /** the developers and QA, who do the work */
  team: Actor[];
  releases: TRelease[];
  epicKeys: string[];
  items: DemoItem[];
  /** the running sprint (0 before the first) and every sprint so far */
  sprintId: number;
  sprintIds: number[];
  releasedFirst: boolean;
}

export interface DemoOptions {
  key?: string;
  name?: string;
  /** make a new key (DEMO2, DEMO3, …) when the key is taken, instead of refusing */
  force?: boolean;
  /** stops the demo between two steps (Ctrl-C); what it made so far is removed */
  signal?: AbortSignal;
}

export interface DemoResult {
  productKey: string;
  productName: string;
  users: Array<{ name: string; email: string; role: ProductRole; password: string }>;
  items: number;
  done: number;
  sprints: number;
  releases: Array<{ id: number; name: string; targetDate: string | null }>;
  lateRelease: { id: number; name: string; sentence: string };
  /** the lead, the healthy second product, the status updates and the share link (demo-reporting.ts) */
  reporting: ReportingDemoResult;
}

/**
 * Builds the demo product; refuses when the key is taken unless `force` picks a free one. All or
 * nothing: it is made in many short transactions (one long one would hold SQLite's only write
 * lock for the whole build and stall a running server), so when a step fails or `signal` aborts
 * it, the product and the people it made so far are removed before the error goes on. Until its
 * last transaction its products are hidden from everyone but its own people, and when its process
 * dies without a word (kill -9) the next start of Ordo removes what it made (./demo-builds.ts).
 */
export async function generateDemo(base: ServiceContext, opts: DemoOptions = {}): Promise<DemoResult> {
  // A demo killed half-way may hold the key this one wants.
  await removeAbandonedDemos(base);
  const key = await freeKey(base, opts.key ?? 'DEMO', !!opts.force);
  const build = await startDemoBuild(base, demoDomain(key));
  try {
    const result = await buildDemo(base, key, opts, build);
    await finishDemoBuild(base, build);
    return result;
  } catch (e) {
    await removeDemo(base, build);
    throw e;
  }
}

/** The demo's people sign in at ordo's example domain for its key: olivia@demo.example.com. */
const demoDomain = (key: string) => `${key.toLowerCase()}.example.com`;

async function buildDemo(base: ServiceContext, key: string, opts: DemoOptions, build: DemoBuild): Promise<DemoResult> {
  // SQLite answers without ever leaving the microtask queue, so a Ctrl-C is heard only when the
  // demo lets the event loop turn: once a day of its history. The demo says it still lives then too.
  const stopIfAborted = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    opts.signal?.throwIfAborted();
    await keepDemoBuildAlive(base, build);
  };
  const productName = opts.name ?? 'Payments';
  const today = dayOf(base.clock.now().toISOString());
  const start = (today - HISTORY_DAYS) * DAY_MS;
  const clock = new MovableClock(start + 8 * HOUR_MS);
  const ctx: ServiceContext = { ...base, clock };

  // The first morning: the team, the product, its releases and its backlog.
  const people = await hirePeople(ctx, key);
  const byRole = (role: ProductRole) => people.filter((p) => p.role === role).map((p) => p.actor);
  const owner = byRole('owner')[0]!;
  const product = await seedProduct(ctx, owner, {
    key,
    name: productName,
    vision: 'Every merchant gets paid, in any currency, without a phone call to us.',
    members: people.filter((p) => p.role !== 'owner'),
    building: true,
  });
  const developers = byRole('developer');
  const qa = byRole('qa')[0]!;
  const demo: Demo = {
    ctx,
    clock,
    rng: new Random(seedFrom('ordo-demo', key)),
    key,
    today,
    start,
    product,
    owner,
    developers,
    qa,
    stakeholder: byRole('stakeholder')[0]!,
    team: [...developers, qa],
    releases: [],
    epicKeys: [],
    items: [],
    sprintId: 0,
    sprintIds: [],
    releasedFirst: false,
  };
  await planReleases(demo);
  await writeBacklog(demo);

  // Twelve weeks, day by day.
  for (let day = 0; day < HISTORY_DAYS; day++) {
    await stopIfAborted();
    clock.set(start + day * DAY_MS + 9 * HOUR_MS);
    if (day % SPRINT_DAYS === 0) await turnTheSprint(demo, day);
    if (day === 0) await startWorkInFlight(demo);
    const weekday = new Date(start + day * DAY_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const step of WORKING_DAY) await step(demo, day);
  }
  await stopIfAborted();

  // Today: WIP limits, Ready and Done rules, work blocked this morning (demo-workflow.ts).
  await showTheWorkflow(demo);

  // Questions, decisions, requests with votes and the owner's unread notifications (demo-team.ts).
  await seedTeamDemo(base, key);
  // A lead over this product and a healthy one, status updates whose health slides, a share link (demo-reporting.ts).
  const reporting = await seedReportingDemo(base, key, owner);
  await stopIfAborted();
  const late = await forecastRelease(base, owner, demo.releases[1]!.id);
  // Counted from the database: the team's part adds items of its own (requests turned into items).
  const counts = await countItems(base, key);
  return {
    productKey: key,
    productName,
    users: people.map((p) => ({ name: p.name, email: p.email, role: p.role, password: p.password })),
    items: counts.items,
    done: counts.done,
    sprints: demo.sprintIds.length,
    releases: demo.releases.map((r) => ({ id: r.id, name: r.name, targetDate: r.targetDate })),
    lateRelease: { id: demo.releases[1]!.id, name: demo.releases[1]!.name, sentence: late.message },
    reporting,
  };
}

/**
 * What happens on each working day of the history, in this order. A feature with day-to-day
 * activity (questions asked, requests arriving) adds its step at the end; one about the present
 * (this week's status update) runs after the day-by-day loop in generateDemo.
 */
const WORKING_DAY: Array<(demo: Demo, day: number) => Promise<void>> = [
  acceptReviewedWork,
  finishWork,
  pullWorkIn,
  talk,
  newWorkArrives,
  shipTheFirstRelease,
  holdWorkBack,
];

// ---- the first morning ----

/** Everyone on the product, each with a password of their own to sign in with. */
async function hirePeople(ctx: ServiceContext, key: string): Promise<Array<SeededUser & { role: ProductRole }>> {
  const domain = demoDomain(key);
  const people: Array<SeededUser & { role: ProductRole }> = [];
  for (const p of PEOPLE) {
    const user = await seedUser(ctx, { name: p.name, domain, password: randomBytes(9).toString('base64url') });
    people.push({ ...user, role: p.role });
  }
  return people;
}

async function planReleases(demo: Demo) {
  const { ctx, owner, key, today } = demo;
  demo.releases.push(
    await createRelease(ctx, owner, key, {
      name: '1.0 — Cards',
      description: 'Card payments with fraud checks, for the spring launch.',
      targetDate: isoDay(today - HISTORY_DAYS + 42),
    }),
    await createRelease(ctx, owner, key, {
      name: '2.0 — Wallets & payouts',
      description: 'Wallets, payouts and self-service refunds.',
      targetDate: isoDay(today + 3),
    }),
  );
}

/** The epics, each in its release, and their first stories, bugs, tasks and spikes. */
async function writeBacklog(demo: Demo) {
  for (const epic of EPICS) {
    const created = await createItem(demo.ctx, demo.owner, demo.key, {
      type: 'epic',
      title: epic.title,
      description: `Everything about ${epic.title.toLowerCase()}.`,
      releaseId: epic.release === null ? null : demo.releases[epic.release]!.id,
    });
    demo.epicKeys.push(created.key);
    demo.clock.tick(demo.rng);
  }
  for (const [epic, size] of EPIC_SIZES.entries()) for (let i = 0; i < size; i++) await addItem(demo, epic);
}

/** A new item under an epic, sized and scored, a story sometimes with acceptance criteria. */
async function addItem(demo: Demo, epic: number): Promise<DemoItem> {
  const { ctx, owner, rng } = demo;
  const roll = rng.next();
  const type = roll < 0.6 ? 'story' : roll < 0.8 ? 'bug' : roll < 0.92 ? 'task' : 'spike';
  const bank = type === 'story' ? STORY : type === 'bug' ? BUG : type === 'task' ? TASK : SPIKE;
  const topic = rng.pick(EPICS[epic]!.topics);
  const title = rng
    .pick(bank)
    .replace('{t}', topic)
    .replace(/^./, (c) => c.toUpperCase());
  const estimate = rng.chance(0.08) ? null : rng.pick([1, 2, 2, 3, 3, 3, 5, 5, 8]);
  const created: TItem = await createItem(ctx, owner, demo.key, {
    type,
    title,
    description: rng.chance(0.5) ? `As a merchant I want ${topic} to just work.\n\n- see the ${EPICS[epic]!.title} epic` : '',
    estimate,
    labels: rng.chance(0.7) ? [...new Set([rng.pick(LABELS), rng.pick(LABELS)])].slice(0, 1 + rng.int(2)) : [],
    parentKey: demo.epicKeys[epic],
    businessValue: rng.pick([1, 2, 3, 5, 8, 13, 20]),
    timeCriticality: rng.pick([1, 2, 3, 5, 8, 13]),
    riskReduction: rng.pick([1, 2, 3, 5, 8]),
    jobSize: estimate ?? 3,
  });
  demo.clock.tick(rng);
  const criteria: number[] = [];
  if (type === 'story' && rng.chance(0.4)) {
    for (const text of pickSome(rng, CRITERIA, 2 + rng.int(3)))
      criteria.push((await createCriterion(ctx, owner, { key: created.key, text })).id);
  }
  const item: DemoItem = {
    key: created.key,
    type,
    estimate,
    epic,
    criteria,
    state: 'backlog',
    readyDay: 0,
    blockedUntil: null,
    assignee: null,
    inSprint: false,
  };
  demo.items.push(item);
  return item;
}

// ---- sprints ----

/** Every two weeks: the next sprint is planned, the running one closed with its unfinished work carried over, and the new one filled and started. */
async function turnTheSprint(demo: Demo, day: number) {
  const { ctx, owner, today } = demo;
  const n = day / SPRINT_DAYS + 1;
  const next = await createSprint(ctx, owner, demo.key, {
    name: `Sprint ${n}`,
    goal: n <= 3 ? 'Take cards safely, end to end' : 'Wallets and payouts for the 2.0 release',
    startDate: isoDay(today - HISTORY_DAYS + day),
    endDate: isoDay(today - HISTORY_DAYS + day + SPRINT_DAYS - 1),
  });
  demo.sprintIds.push(next.id);
  if (demo.sprintId) {
    await closeSprint(ctx, owner, demo.sprintId, { unfinished: 'next', nextSprintId: next.id });
    demo.clock.tick(demo.rng);
  }
  demo.sprintId = next.id;
  await fillSprint(demo, 115);
  await startSprint(ctx, owner, demo.sprintId);
  demo.clock.tick(demo.rng);
}

/** How many items the product holds, and how many of them are done. */
async function countItems(ctx: ServiceContext, key: string): Promise<{ items: number; done: number }> {
  const row = await ctx.db
    .selectFrom('items')
    .innerJoin('products', 'products.id', 'items.product_id')
    .innerJoin('workflow_states', 'workflow_states.id', 'items.state_id')
    .where('products.key', '=', key)
    .where('items.deleted_at', 'is', null)
    .select((eb) => [
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>(eb.case().when('workflow_states.category', '=', 'done').then(1).else(0).end()).as('done'),
    ])
    .executeTakeFirstOrThrow();
  return { items: Number(row.items), done: Number(row.done) };
}

/** Pulls the next items of the backlog into the running sprint until it holds about `points`; work for the first release comes first. */
async function fillSprint(demo: Demo, points: number) {
  const priority = (i: DemoItem) => EPICS[i.epic]!.release ?? 2;
  let load = sprintLoad(demo);
  const chosen: DemoItem[] = [];
  for (const i of [...demo.items].sort((a, b) => priority(a) - priority(b))) {
    if (load >= points) break;
    if (i.state !== 'backlog' || i.inSprint) continue;
    chosen.push(i);
    load += i.estimate ?? 3;
  }
  if (chosen.length === 0) return;
  await addSprintItems(
    demo.ctx,
    demo.owner,
    demo.sprintId,
    chosen.map((i) => i.key),
  );
  demo.clock.tick(demo.rng);
  for (const i of chosen) {
    i.inSprint = true;
    await edit(demo, demo.owner, i, { stateId: demo.product.stateId('To do') });
    i.state = 'todo';
  }
}

/** Points planned in the sprint and not yet done. */
const sprintLoad = (demo: Demo) => demo.items.filter((i) => i.inSprint && i.state !== 'done').reduce((a, i) => a + (i.estimate ?? 3), 0);

// ---- the days ----

/**
 * The team was working before Ordo: the history starts with work already in flight, so the first
 * weeks show the team's real pace rather than a pipeline filling up.
 */
async function startWorkInFlight(demo: Demo) {
  const { rng, developers } = demo;
  for (const item of demo.items.filter((i) => i.inSprint && i.state === 'todo').slice(0, WIP + 4)) {
    item.assignee = rng.int(developers.length);
    const dev = developers[item.assignee]!;
    await edit(demo, dev, item, { stateId: demo.product.stateId('In progress'), assigneeId: dev.userId });
    item.state = 'progress';
    item.readyDay = 1 + rng.int(3);
  }
}

/** Review → Done, oldest first, with the owner accepting the criteria. */
async function acceptReviewedWork(demo: Demo, day: number) {
  const { ctx, owner, rng } = demo;
  const review = demo.items.filter((i) => i.state === 'review' && i.readyDay <= day);
  for (const item of review.slice(0, rng.pick([2, 3, 3, 4, 4, 5]))) {
    for (const id of item.criteria) {
      await updateCriterion(ctx, owner, { id, accepted: true });
      demo.clock.tick(rng);
    }
    await edit(demo, demo.qa, item, { stateId: demo.product.stateId('Done') });
    item.state = 'done';
  }
}

/** In progress → Review once the work is done and nothing blocks it; now and then something does. */
async function finishWork(demo: Demo, day: number) {
  const { rng, developers } = demo;
  for (const item of demo.items.filter((i) => i.state === 'progress')) {
    const dev = developers[item.assignee!]!;
    if (item.blockedUntil !== null) {
      if (item.blockedUntil <= day) {
        await edit(demo, dev, item, { blocked: false });
        item.blockedUntil = null;
      }
      continue;
    }
    if (item.readyDay > day) {
      if (rng.chance(0.03)) {
        await edit(demo, dev, item, { blocked: true, blockedReason: rng.pick(BLOCKERS) });
        const wait = 1 + rng.int(5);
        item.blockedUntil = day + wait;
        item.readyDay += wait;
      }
      continue;
    }
    await edit(demo, dev, item, { stateId: demo.product.stateId('Review') });
    item.state = 'review';
    item.readyDay = day + (rng.chance(0.6) ? 0 : 1);
  }
}

/**
 * Starts the next items of the sprint while there is room. When the team runs dry mid-sprint the
 * owner pulls a little more in, which the burndown shows.
 */
async function pullWorkIn(demo: Demo, day: number) {
  const { rng, developers } = demo;
  const waiting = demo.items.filter((i) => i.inSprint && i.state === 'todo');
  if (waiting.length < 3) await fillSprint(demo, sprintLoad(demo) + 15);
  while (demo.items.filter((i) => i.state === 'progress' && i.blockedUntil === null).length < WIP) {
    const next = demo.items.find((i) => i.inSprint && i.state === 'todo');
    if (!next) break;
    next.assignee = rng.int(developers.length);
    const dev = developers[next.assignee]!;
    await edit(demo, dev, next, { stateId: demo.product.stateId('In progress'), assigneeId: dev.userId });
    next.state = 'progress';
    next.readyDay = day + Math.max(1, Math.round((next.estimate ?? 3) / 2.5 + rng.next() * 2));
  }
}

/** A few comments on work in flight, now and then from the stakeholder. */
async function talk(demo: Demo) {
  const { rng } = demo;
  for (let c = rng.int(4); c > 0; c--) {
    const item = rng.pick(demo.items.filter((i) => i.state !== 'backlog' && i.state !== 'done'));
    if (item) {
      await createComment(demo.ctx, rng.chance(0.15) ? demo.stakeholder : rng.pick(demo.team), { key: item.key, body: rng.pick(COMMENTS) });
      demo.clock.tick(rng);
    }
  }
}

/** New work arriving, mostly for the second release. */
async function newWorkArrives(demo: Demo) {
  const { rng } = demo;
  if (rng.chance(0.6)) for (let n = 1 + rng.int(2); n > 0; n--) await addItem(demo, rng.chance(0.8) ? 2 + rng.int(3) : 5);
}

/** The first release ships the day its last item is done. */
async function shipTheFirstRelease(demo: Demo) {
  if (demo.releasedFirst || !demo.items.filter((i) => EPICS[i.epic]!.release === 0).every((i) => i.state === 'done')) return;
  await editRelease(demo.ctx, demo.owner, demo.releases[0]!.id, { released: true });
  demo.releasedFirst = true;
}

/** An edit by someone on the team; a few minutes pass before the next thing happens. */
async function edit(demo: Demo, actor: Actor, item: DemoItem, change: Omit<TUpdateItemRequest, 'version'>) {
  await editItem(demo.ctx, actor, item.key, change);
  demo.clock.tick(demo.rng);
}

/** The key to build the demo under: `key` when free; with `force`, the first free DEMO2, DEMO3, …; else a refusal. */
export async function freeKey(ctx: ServiceContext, key: string, force: boolean): Promise<string> {
  const taken = async (k: string) => !!(await ctx.db.selectFrom('products').select('id').where('key', '=', k).executeTakeFirst());
  if (!(await taken(key))) return key;
  if (!force) {
    throw new AppError(
      'conflict',
      `A product with key ${key} already exists; the demo leaves it alone. Use --product OTHER, or --force to create the demo under a new key.`,
    );
  }
  for (let n = 2; ; n++) {
    const candidate = `${key.slice(0, 10 - String(n).length)}${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

function pickSome<T>(rng: Random, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(rng.int(copy.length), 1)[0]);
  return out;
}

/** What `ordo demo` prints; `origin` is where the server will be reached (PUBLIC_URL, or localhost and the port). */
export function describeDemo(r: DemoResult, origin = 'http://localhost:3000'): string {
  const width = Math.max(...r.users.map((u) => u.email.length));
  return [
    `Created the demo product ${r.productKey} "${r.productName}": ${r.items} items (${r.done} done), ${r.sprints} sprints, ${r.releases.length} releases.`,
    `${r.lateRelease.name}: ${r.lateRelease.sentence}`,
    '',
    'Sign in as:',
    ...r.users.map((u) => `  ${u.role.padEnd(11)} ${u.email.padEnd(width)}  ${u.password}`),
    `  ${'lead'.padEnd(11)} ${r.reporting.lead.email.padEnd(width)}  ${r.reporting.lead.password}  (also leads ${r.reporting.healthy.key} "${r.reporting.healthy.name}"; see /portfolio)`,
    '',
    `Status updates on ${r.productKey}: ${r.reporting.updates.map((h) => h.replace('_', ' ')).join(' → ')}.`,
    `Share link for the board (read-only, no account): ${origin}${r.reporting.sharePath}`,
  ].join('\n');
}

/** Registers `ordo demo`. */
export function demoCommand(
  program: Command,
  withDb: (cmd: Command) => Command,
  configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config,
) {
  withDb(program.command('demo').description('create a demo product with twelve weeks of realistic history, and users to sign in as'))
    .option('--product <KEY>', 'the demo product key', 'DEMO')
    .option('--force', 'when the key is taken, create the demo under a new key (DEMO2, …) instead of refusing')
    .action(async (opts) => {
      const config = configFrom(opts);
      const runtime = await openRuntime(config);
      // Ctrl-C or a TERM stops the demo between two steps and takes away what it made.
      const stop = new AbortController();
      const abort = () => stop.abort(new AppError('conflict', 'The demo was stopped; nothing of it was kept'));
      process.once('SIGINT', abort);
      process.once('SIGTERM', abort);
      try {
        const started = performance.now();
        const result = await generateDemo(runtime.ctx, {
          key: String(opts.product).toUpperCase(),
          force: !!opts.force,
          signal: stop.signal,
        });
        console.log(describeDemo(result, config.publicUrl?.replace(/\/+$/, '') ?? `http://localhost:${config.port}`));
        console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s on ${runtime.handle.dialect})`);
      } finally {
        process.off('SIGINT', abort);
        process.off('SIGTERM', abort);
        await runtime.close();
      }
    });
}

// ---- the words the demo is written in ----

const PEOPLE: Array<{ name: string; role: ProductRole }> = [
  { name: 'Olivia Owner', role: 'owner' },
  { name: 'Dev Patel', role: 'developer' },
  { name: 'Lena Fischer', role: 'developer' },
  { name: 'Tomás Reyes', role: 'developer' },
  { name: 'Quinn Tester', role: 'qa' },
  { name: 'Sam Sales', role: 'stakeholder' },
  { name: 'Vic Viewer', role: 'viewer' },
];
const EPICS = [
  {
    title: 'Card payments',
    release: 0,
    topics: [
      'card tokenisation',
      '3-D Secure challenge',
      'saved cards',
      'card expiry updates',
      'Visa and Mastercard routing',
      'decline reasons',
      'partial captures',
      'Amex support',
    ],
  },
  {
    title: 'Fraud checks',
    release: 0,
    topics: ['velocity rules', 'risk score', 'manual review queue', 'blocklists', 'device fingerprint', 'chargeback alerts'],
  },
  {
    title: 'Wallets',
    release: 1,
    topics: [
      'Apple Pay',
      'Google Pay',
      'wallet button',
      'PayPal',
      'wallet refunds',
      'wallet receipts',
      'one-tap checkout',
      'merchant validation',
    ],
  },
  {
    title: 'Payouts',
    release: 1,
    topics: ['payout schedule', 'bank account verification', 'instant payouts', 'payout statements', 'currency conversion', 'payout holds'],
  },
  {
    title: 'Refunds & disputes',
    release: 1,
    topics: [
      'partial refunds',
      'dispute evidence',
      'refund notifications',
      'dispute timeline',
      'refund limits',
      'bulk refunds',
      'dispute fees',
    ],
  },
  {
    title: 'Reporting',
    release: null,
    topics: ['daily settlement report', 'CSV export', 'revenue dashboard', 'fee breakdown', 'tax summary'],
  },
] as const;
const EPIC_SIZES = [45, 30, 60, 45, 50, 30];

const STORY = [
  'Support {t}',
  'Show {t} in the dashboard',
  'Add {t} to the API',
  'Handle {t} on mobile',
  'Let merchants configure {t}',
  'Log {t} events',
  'Document {t}',
  'Speed up {t}',
];
const BUG = [
  '{t} fails for amounts over 10,000',
  '{t} shows the wrong currency',
  'Timeout in {t} under load',
  '{t} breaks on Safari',
  'Duplicate webhook for {t}',
];
const TASK = ['Upgrade the SDK used by {t}', 'Add monitoring for {t}', 'Clean up feature flag for {t}'];
const SPIKE = ['Investigate {t} options', 'Prototype {t}'];
const LABELS = ['checkout', 'mobile', 'api', 'compliance', 'ux', 'performance', 'ops'];
const BLOCKERS = [
  'Waiting for the acquiring bank to enable the test account',
  'Needs a decision on the fee model',
  'Blocked by the PCI audit',
  'Waiting for design review',
  'Third-party sandbox is down',
];
const COMMENTS = [
  'Checked with the bank: the sandbox supports this now.',
  'Should this also cover the mobile app?',
  'I pushed a first version; tests are green.',
  'The edge case with zero-amount authorisations still fails.',
  'Merchants asked about this twice this week.',
  'Looks good to me, moving it on.',
  'Can we split this? The API part is ready on its own.',
  'Added screenshots of the new flow.',
];
const CRITERIA = [
  'Works for EUR, GBP and USD',
  'Errors are shown in plain words',
  'Covered by an end-to-end test',
  'Documented in the API reference',
  'Audit log records the change',
  'Works on iOS and Android',
];
