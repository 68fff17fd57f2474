import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';
import { AppError } from '../domain/errors.js';
import { DAY_MS, dayOf, isoDay } from '../domain/dates.js';
import { Random, seedFrom } from '../domain/random.js';
import type { ProductRole } from '../domain/roles.js';
import type { TItem } from '../contract/items.js';
import type { Actor, Clock, ServiceContext } from '../services/context.js';
import { createComment } from '../services/comments.js';
import { createCriterion, updateCriterion } from '../services/criteria.js';
import { forecastRelease } from '../services/forecasts.js';
import { createItem } from '../services/items/create-item.js';
import { updateItem } from '../services/items/update-item.js';
import { createProduct, getProduct, setMember } from '../services/products.js';
import { createRelease, updateRelease } from '../services/releases.js';
import { addSprintItems, closeSprint, createSprint, startSprint } from '../services/sprints.js';
import { createUser } from '../services/users.js';
import { seedTeamDemo } from './demo-team.js';

/**
 * `ordo demo`: a product with twelve weeks of believable history, made by driving the real
 * services under a movable clock, so every timestamp and activity row is what Ordo itself would
 * have written. Items walk To do → In progress → Review → Done day by day at 2–5 a working day;
 * six two-week sprints (five closed); two releases, the first shipped on time, the second
 * honestly late. The same key and seed give the same product every time.
 */

const HISTORY_DAYS = 81;
const SPRINT_DAYS = 14;
const WIP = 9;

class MovableClock implements Clock {
  constructor(public current: Date) {}
  now() {
    return new Date(this.current);
  }
  at(day: number, hour: number, start: number) {
    this.current = new Date(start + day * DAY_MS + hour * 3_600_000);
  }
  /** a few minutes pass between one action and the next */
  tick(rng: Random) {
    this.current = new Date(this.current.getTime() + (3 + rng.int(20)) * 60_000);
  }
}

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

interface DemoItem {
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
}

export interface DemoOptions {
  key?: string;
  name?: string;
  /** make a new key (DEMO2, DEMO3, …) when the key is taken, instead of refusing */
  force?: boolean;
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
}

/** Builds the demo product; refuses when the key is taken unless `force` picks a free one. */
export async function generateDemo(base: ServiceContext, opts: DemoOptions = {}): Promise<DemoResult> {
  const productKey = await freeKey(base, opts.key ?? 'DEMO', !!opts.force);
  const productName = opts.name ?? 'Payments';
  const rng = new Random(seedFrom('ordo-demo', productKey));
  const today = dayOf(base.clock.now().toISOString());
  const start = (today - HISTORY_DAYS) * DAY_MS;
  const clock = new MovableClock(new Date(start + 8 * 3_600_000));
  const ctx: ServiceContext = { ...base, clock };

  // ---- people ----
  const domain = `${productKey.toLowerCase()}.example.com`;
  const people: Array<{ name: string; role: ProductRole }> = [
    { name: 'Olivia Owner', role: 'owner' },
    { name: 'Dev Patel', role: 'developer' },
    { name: 'Lena Fischer', role: 'developer' },
    { name: 'Tomás Reyes', role: 'developer' },
    { name: 'Quinn Tester', role: 'qa' },
    { name: 'Sam Sales', role: 'stakeholder' },
    { name: 'Vic Viewer', role: 'viewer' },
  ];
  const users: DemoResult['users'] = [];
  const actors: Actor[] = [];
  for (const p of people) {
    const email = `${p.name
      .split(' ')[0]
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}@${domain}`;
    const password = randomBytes(9).toString('base64url');
    const u = await createUser(ctx, { email, name: p.name, password });
    users.push({ name: p.name, email, role: p.role, password });
    actors.push({ userId: u.id, name: u.name, isAdmin: false });
  }
  const [owner, ...rest] = actors;
  const developers = rest.slice(0, 3);
  const qa = rest[3];
  const stakeholder = rest[4];
  const team = [...developers, qa];

  await createProduct(
    ctx,
    { ...owner, isAdmin: true },
    { key: productKey, name: productName, vision: 'Every merchant gets paid, in any currency, without a phone call to us.' },
  );
  for (const [i, p] of people.entries())
    if (p.role !== 'owner') await setMember(ctx, owner, productKey, { userId: actors[i].userId, role: p.role });
  const states = new Map((await getProduct(ctx, owner, productKey)).states.map((s) => [s.name, s.id]));
  const stateId = (name: string) => states.get(name)!;

  // ---- releases and the backlog ----
  const releases = [
    await createRelease(ctx, owner, productKey, {
      name: '1.0 — Cards',
      description: 'Card payments with fraud checks, for the spring launch.',
      targetDate: isoDay(today - HISTORY_DAYS + 42),
    }),
    await createRelease(ctx, owner, productKey, {
      name: '2.0 — Wallets & payouts',
      description: 'Wallets, payouts and self-service refunds.',
      targetDate: isoDay(today + 3),
    }),
  ];
  const epicKeys: string[] = [];
  for (const epic of EPICS) {
    const created = await createItem(ctx, owner, productKey, {
      type: 'epic',
      title: epic.title,
      description: `Everything about ${epic.title.toLowerCase()}.`,
      releaseId: epic.release === null ? null : releases[epic.release].id,
    });
    epicKeys.push(created.key);
    clock.tick(rng);
  }
  const items: DemoItem[] = [];
  const addItem = async (epic: number) => {
    const roll = rng.next();
    const type = roll < 0.6 ? 'story' : roll < 0.8 ? 'bug' : roll < 0.92 ? 'task' : 'spike';
    const bank = type === 'story' ? STORY : type === 'bug' ? BUG : type === 'task' ? TASK : SPIKE;
    const topic = rng.pick(EPICS[epic].topics);
    const title = rng
      .pick(bank)
      .replace('{t}', topic)
      .replace(/^./, (c) => c.toUpperCase());
    const estimate = rng.chance(0.08) ? null : rng.pick([1, 2, 2, 3, 3, 3, 5, 5, 8]);
    const created: TItem = await createItem(ctx, owner, productKey, {
      type,
      title,
      description: rng.chance(0.5) ? `As a merchant I want ${topic} to just work.\n\n- see the ${EPICS[epic].title} epic` : '',
      estimate,
      labels: rng.chance(0.7) ? [...new Set([rng.pick(LABELS), rng.pick(LABELS)])].slice(0, 1 + rng.int(2)) : [],
      parentKey: epicKeys[epic],
      businessValue: rng.pick([1, 2, 3, 5, 8, 13, 20]),
      timeCriticality: rng.pick([1, 2, 3, 5, 8, 13]),
      riskReduction: rng.pick([1, 2, 3, 5, 8]),
      jobSize: estimate ?? 3,
    });
    clock.tick(rng);
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
    items.push(item);
    return item;
  };
  for (const [epic, size] of EPIC_SIZES.entries()) for (let i = 0; i < size; i++) await addItem(epic);

  // Work is pulled in release order: the first release, then the second, then the rest.
  const priority = (i: DemoItem) => {
    const r = EPICS[i.epic].release;
    return r === null ? 2 : r;
  };
  const version = async (key: string) =>
    (await ctx.db.selectFrom('items').select('version').where('key', '=', key).executeTakeFirstOrThrow()).version;
  const edit = async (actor: Actor, item: DemoItem, input: Parameters<typeof updateItem>[3]) => {
    await updateItem(ctx, actor, item.key, input, await version(item.key));
    clock.tick(rng);
  };

  // ---- sprints ----
  let sprintId = 0;
  const sprintIds: number[] = [];
  const planSprint = async (n: number, day: number) => {
    const sprint = await createSprint(ctx, owner, productKey, {
      name: `Sprint ${n}`,
      goal: n <= 3 ? 'Take cards safely, end to end' : 'Wallets and payouts for the 2.0 release',
      startDate: isoDay(today - HISTORY_DAYS + day),
      endDate: isoDay(today - HISTORY_DAYS + day + SPRINT_DAYS - 1),
    });
    sprintIds.push(sprint.id);
    return sprint.id;
  };
  /** Pulls the next items of the backlog into the sprint until it holds about `points`. */
  const fillSprint = async (id: number, points: number) => {
    let load = items.filter((i) => i.inSprint && i.state !== 'done').reduce((a, i) => a + (i.estimate ?? 3), 0);
    const chosen: DemoItem[] = [];
    for (const i of [...items].sort((a, b) => priority(a) - priority(b))) {
      if (load >= points) break;
      if (i.state !== 'backlog' || i.inSprint) continue;
      chosen.push(i);
      load += i.estimate ?? 3;
    }
    if (chosen.length === 0) return;
    await addSprintItems(
      ctx,
      owner,
      id,
      chosen.map((i) => i.key),
    );
    clock.tick(rng);
    for (const i of chosen) {
      i.inSprint = true;
      await edit(owner, i, { stateId: stateId('To do') });
      i.state = 'todo';
    }
  };

  // ---- twelve weeks, day by day ----
  const dayOfWeek = (d: number) => new Date(start + d * DAY_MS).getUTCDay();
  let releasedFirst = false;
  for (let day = 0; day < HISTORY_DAYS; day++) {
    clock.at(day, 9, start);
    if (day % SPRINT_DAYS === 0) {
      const next = await planSprint(day / SPRINT_DAYS + 1, day);
      if (sprintId) {
        await closeSprint(ctx, owner, sprintId, { unfinished: 'next', nextSprintId: next });
        clock.tick(rng);
      }
      sprintId = next;
      await fillSprint(sprintId, 115);
      await startSprint(ctx, owner, sprintId);
      clock.tick(rng);
    }
    const weekday = dayOfWeek(day) !== 0 && dayOfWeek(day) !== 6;
    if (day === 0) {
      // The team was working before Ordo: the history starts with work already in flight, so the
      // first weeks show the team's real pace rather than a pipeline filling up.
      for (const item of items.filter((i) => i.inSprint && i.state === 'todo').slice(0, WIP + 4)) {
        item.assignee = rng.int(developers.length);
        const dev = developers[item.assignee];
        await edit(dev, item, { stateId: stateId('In progress'), assigneeId: dev.userId });
        item.state = 'progress';
        item.readyDay = 1 + rng.int(3);
      }
    }
    if (!weekday) continue;

    // Review → Done, oldest first, with the owner accepting the criteria.
    const review = items.filter((i) => i.state === 'review' && i.readyDay <= day);
    for (const item of review.slice(0, rng.pick([2, 3, 3, 4, 4, 5]))) {
      for (const id of item.criteria) {
        await updateCriterion(ctx, owner, { id, accepted: true });
        clock.tick(rng);
      }
      await edit(qa, item, { stateId: stateId('Done') });
      item.state = 'done';
    }
    // In progress → Review once the work is done and nothing blocks it.
    for (const item of items.filter((i) => i.state === 'progress')) {
      if (item.blockedUntil !== null) {
        if (item.blockedUntil <= day) {
          await edit(developers[item.assignee!], item, { blocked: false });
          item.blockedUntil = null;
        }
        continue;
      }
      if (item.readyDay > day) {
        if (rng.chance(0.03)) {
          await edit(developers[item.assignee!], item, { blocked: true, blockedReason: rng.pick(BLOCKERS) });
          const wait = 1 + rng.int(5);
          item.blockedUntil = day + wait;
          item.readyDay += wait;
        }
        continue;
      }
      await edit(developers[item.assignee!], item, { stateId: stateId('Review') });
      item.state = 'review';
      item.readyDay = day + (rng.chance(0.6) ? 0 : 1);
    }
    // Start the next items of the sprint while there is room.
    // The team runs dry mid-sprint: the owner pulls a little more in, which the burndown shows.
    const waiting = items.filter((i) => i.inSprint && i.state === 'todo');
    if (waiting.length < 3)
      await fillSprint(sprintId, items.filter((i) => i.inSprint && i.state !== 'done').reduce((a, i) => a + (i.estimate ?? 3), 0) + 15);
    while (items.filter((i) => i.state === 'progress' && i.blockedUntil === null).length < WIP) {
      const next = items.find((i) => i.inSprint && i.state === 'todo');
      if (!next) break;
      next.assignee = rng.int(developers.length);
      await edit(developers[next.assignee], next, { stateId: stateId('In progress'), assigneeId: developers[next.assignee].userId });
      next.state = 'progress';
      next.readyDay = day + Math.max(1, Math.round((next.estimate ?? 3) / 2.5 + rng.next() * 2));
    }
    // Talk, and new work arriving (mostly for the second release).
    for (let c = rng.int(4); c > 0; c--) {
      const item = rng.pick(items.filter((i) => i.state !== 'backlog' && i.state !== 'done'));
      if (item) {
        await createComment(ctx, rng.chance(0.15) ? stakeholder : rng.pick(team), { key: item.key, body: rng.pick(COMMENTS) });
        clock.tick(rng);
      }
    }
    if (rng.chance(0.6)) for (let n = 1 + rng.int(2); n > 0; n--) await addItem(rng.chance(0.8) ? 2 + rng.int(3) : 5);

    if (!releasedFirst && items.filter((i) => EPICS[i.epic].release === 0).every((i) => i.state === 'done')) {
      const r = releases[0];
      await updateRelease(
        ctx,
        owner,
        r.id,
        { released: true },
        (await ctx.db.selectFrom('releases').select('version').where('id', '=', r.id).executeTakeFirstOrThrow()).version,
      );
      releasedFirst = true;
    }
  }

  // Questions, decisions, requests with votes and the owner's unread notifications (demo-team.ts).
  await seedTeamDemo(base, productKey);
  const late = await forecastRelease(base, owner, releases[1].id);
  return {
    productKey,
    productName,
    users,
    items: items.length + EPICS.length,
    done: items.filter((i) => i.state === 'done').length,
    sprints: sprintIds.length,
    releases: releases.map((r) => ({ id: r.id, name: r.name, targetDate: r.targetDate })),
    lateRelease: { id: releases[1].id, name: releases[1].name, sentence: late.message },
  };
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

/** What `ordo demo` prints: where to look and how to sign in. */
export function describeDemo(r: DemoResult): string {
  const width = Math.max(...r.users.map((u) => u.email.length));
  return [
    `Created the demo product ${r.productKey} "${r.productName}": ${r.items} items (${r.done} done), ${r.sprints} sprints, ${r.releases.length} releases.`,
    `${r.lateRelease.name}: ${r.lateRelease.sentence}`,
    '',
    'Sign in as:',
    ...r.users.map((u) => `  ${u.role.padEnd(11)} ${u.email.padEnd(width)}  ${u.password}`),
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
      const runtime = await openRuntime(configFrom(opts));
      try {
        const started = performance.now();
        const result = await generateDemo(runtime.ctx, { key: String(opts.product).toUpperCase(), force: !!opts.force });
        console.log(describeDemo(result));
        console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s on ${runtime.handle.dialect})`);
      } finally {
        await runtime.close();
      }
    });
}
