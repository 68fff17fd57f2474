import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { DAY_MS, dayOf } from '../../src/domain/dates.js';
import { Random } from '../../src/domain/random.js';
import { ranksBetween } from '../../src/domain/ranks.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type Actor, type ServiceContext } from '../../src/services/context.js';
import { createRelease } from '../../src/services/releases.js';
import { createApiToken } from '../../src/services/users.js';
import { writeItemsInBulk } from '../../src/cli/seed/bulk.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';

/** The benches' products: written in bulk with the seeding library (src/cli/seed), each with its own spread of data. */

/** A product filled by the generator, and how to act on it through the API. */
export interface GeneratedProduct {
  key: string;
  itemCount: number;
  /** a Bearer token of the product's owner */
  token: string;
  owner: Actor;
}

const VERBS = [
  'Export',
  'Import',
  'Show',
  'Hide',
  'Filter',
  'Sort',
  'Archive',
  'Restore',
  'Approve',
  'Reject',
  'Schedule',
  'Notify',
  'Sync',
  'Validate',
  'Search',
  'Merge',
  'Split',
  'Refund',
  'Invite',
  'Audit',
];
const THINGS = [
  'invoices',
  'payments',
  'customers',
  'orders',
  'refunds',
  'subscriptions',
  'reports',
  'receipts',
  'accounts',
  'webhooks',
  'statements',
  'payouts',
  'disputes',
  'coupons',
  'taxes',
  'ledgers',
  'transfers',
  'mandates',
  'settlements',
  'chargebacks',
];
const WAYS = [
  'as CSV',
  'by date',
  'for the finance team',
  'in bulk',
  'on mobile',
  'per region',
  'with one click',
  'from the dashboard',
  'via the API',
  'before month end',
  'for partners',
  'across currencies',
];
const SENTENCES = [
  'Customers asked for this in the last three support reviews.',
  'Finance closes the books faster when this is automated.',
  'The current workaround is a spreadsheet that nobody trusts.',
  'Keep the existing permissions; only owners may change settings.',
  'Large merchants have more than ten thousand records here.',
  'Mobile users hit this flow twice a day on average.',
  'Legal needs an audit trail for every change.',
  'Latency must stay under a second for the largest accounts.',
];
export const LABELS = [
  'frontend',
  'backend',
  'api',
  'mobile',
  'ux',
  'security',
  'performance',
  'billing',
  'reporting',
  'compliance',
  'growth',
  'tech-debt',
  'ops',
  'i18n',
  'a11y',
  'search',
  'data',
  'infra',
  'partner',
  'onboarding',
  'risk',
  'design',
  'docs',
  'support',
];
const TYPES = ['story', 'story', 'story', 'story', 'story', 'story', 'bug', 'bug', 'task', 'task', 'spike'] as const;
/**
 * Where a long-lived product's items sit: most waiting in the backlog or done, a few hundred
 * planned and in flight (at 100,000 items: 400 to do, 150 in progress, 50 in review).
 */
const STATE_SPREAD: Array<[string, number]> = [
  ['Backlog', 0.644],
  ['To do', 0.004],
  ['In progress', 0.0015],
  ['Review', 0.0005],
  ['Done', 0.35],
];
const ESTIMATES = [null, 1, 2, 3, 5, 8, 13];

/**
 * Creates an owner, a few team members and a product with `items` items, in bulk: ranks from one
 * generateNKeysBetween call, labels, epics with children, states spread across the workflow, an
 * activity row per creation and per state change, and full-text search populated (the SQLite FTS
 * triggers and the PostgreSQL generated tsvector fill themselves on insert).
 */
export async function generateProduct(
  handle: DatabaseHandle,
  opts: { key: string; items: number; epics?: number; seed?: number; now?: Date },
): Promise<GeneratedProduct> {
  // Started at the raw seed, as this generator always was, so the data stays the same from run to run.
  const rnd = Random.fromState(opts.seed ?? 42);
  const ctx: ServiceContext = { db: handle.db, dialect: handle.dialect, clock: systemClock, bus: new LocalEventBus() };
  const suffix = `${opts.key.toLowerCase()}-${Date.now().toString(36)}`;
  const password = 'bench password 1';
  const owner = await seedUser(ctx, { email: `owner-${suffix}@example.com`, name: 'Bench Owner', password, isAdmin: true });
  const { token } = await createApiToken(ctx, owner.actor, 'bench');
  const team: number[] = [];
  for (let i = 0; i < 8; i++)
    team.push((await seedUser(ctx, { email: `dev${i}-${suffix}@example.com`, name: `Developer ${i + 1}`, password })).id);
  await seedProduct(ctx, owner.actor, {
    key: opts.key,
    name: `Bench ${opts.key}`,
    members: team.map((userId, i) => ({ actor: { userId, name: `Developer ${i + 1}`, isAdmin: false }, role: 'developer' as const })),
  });

  const epicCount = Math.min(opts.epics ?? Math.max(1, Math.round(opts.items / 500)), opts.items);
  const ranks = ranksBetween(null, null, opts.items);
  const now = (opts.now ?? new Date()).getTime();
  const yearMs = 365 * DAY_MS;
  await writeItemsInBulk(handle.db, { productKey: opts.key, actorId: owner.id }, opts.items, (i, epicIds) => {
    // The order of the draws is the data: reordering them makes a different product.
    const isEpic = i < epicCount;
    const stateName = isEpic ? 'In progress' : spread(rnd.next());
    const created = now - yearMs + Math.floor((i / opts.items) * yearMs * 0.95);
    const entered = created + Math.floor(rnd.next() * (now - created) * 0.5);
    const labels = [...new Set(Array.from({ length: rnd.int(4) }, () => rnd.pick(LABELS)))];
    const title = isEpic
      ? `${rnd.pick(THINGS)} ${rnd.pick(WAYS)} (epic ${i + 1})`
      : `${rnd.pick(VERBS)} ${rnd.pick(THINGS)} ${rnd.pick(WAYS)}`;
    const blocked = !isEpic && stateName === 'In progress' && rnd.next() < 0.1;
    const type = isEpic ? 'epic' : rnd.pick(TYPES);
    const description = Array.from({ length: rnd.int(4) }, () => rnd.pick(SENTENCES)).join(' ');
    const estimate = isEpic ? null : rnd.pick(ESTIMATES);
    const score = (max: number) => (rnd.next() < 0.4 ? 1 + rnd.int(max) : null);
    const [businessValue, timeCriticality, riskReduction, jobSize] = [score(20), score(20), score(20), score(13)];
    const assignee = stateName !== 'Backlog' && rnd.next() < 0.8 ? rnd.pick(team) : null;
    const parent = !isEpic && epicIds.length > 0 && rnd.next() < 0.7 ? rnd.pick(epicIds) : null;
    return {
      type,
      title,
      rank: ranks[i]!,
      labels,
      journey:
        stateName === 'Backlog'
          ? [{ state: 'Backlog', at: created }]
          : [
              { state: 'Backlog', at: created },
              { state: stateName, at: entered },
            ],
      fields: {
        description,
        estimate,
        business_value: businessValue,
        time_criticality: timeCriticality,
        risk_reduction: riskReduction,
        job_size: jobSize,
        assignee_id: assignee,
        parent_id: parent,
        ...(blocked
          ? { blocked: 1, blocked_reason: 'Waiting on the payments provider', blocked_since: new Date(entered).toISOString() }
          : {}),
      },
    };
  });
  return { key: opts.key, itemCount: opts.items, token, owner: owner.actor };
}

function spread(x: number): string {
  let acc = 0;
  for (const [name, share] of STATE_SPREAD) {
    acc += share;
    if (x < acc) return name;
  }
  return 'Backlog';
}

/**
 * A product (FLOW) whose `count` items arrive over a year and flow To do → In progress → Review →
 * Done with realistic waits, the last 2,000 in a release due in 60 days: the history the flow
 * charts and forecasts read. The product is backdated so forecasts learn from the whole year.
 */
export async function generateFlowHistory(handle: DatabaseHandle, count: number) {
  const db = handle.db;
  const baseCtx: ServiceContext = { db, dialect: handle.dialect, clock: systemClock, bus: new LocalEventBus() };
  const owner = await seedUser(baseCtx, {
    email: `flow-${Date.now()}@example.com`,
    name: 'Flow Owner',
    password: 'bench password 1',
    isAdmin: true,
  });
  const actor = owner.actor;
  const product = await seedProduct(baseCtx, actor, { key: 'FLOW', name: 'Flow' });
  const now = Date.now();
  const today = dayOf(new Date(now).toISOString());
  const start = now - 365 * DAY_MS;
  await db
    .updateTable('products')
    .set({ created_at: new Date(start - DAY_MS).toISOString() })
    .where('id', '=', product.id)
    .execute();
  const release = await createRelease(baseCtx, actor, 'FLOW', {
    name: 'Big release',
    targetDate: new Date(now + 60 * DAY_MS).toISOString().slice(0, 10),
  });
  const rng = new Random(7);
  const ranks = ranksBetween(null, null, count);
  const epics = Math.max(1, Math.round(count / 1000));
  const path = ['To do', 'In progress', 'Review', 'Done'] as const;
  const { activityRows } = await writeItemsInBulk(db, { productKey: 'FLOW', actorId: actor.userId }, count, (i, epicIds) => {
    const isEpic = i < epics;
    const created = start + Math.floor((i / count) * 365 * DAY_MS) + rng.int(3_600_000);
    // Older items are further along: most of the year's work is done, recent work is not.
    const age = (now - created) / DAY_MS;
    const steps = isEpic ? 0 : age > 30 ? (rng.chance(0.85) ? 4 : rng.int(4)) : rng.int(5);
    const journey: Array<{ state: string; at: number }> = [{ state: 'Backlog', at: created }];
    let at = created + rng.int(10) * DAY_MS;
    for (let s = 0; s < steps; s++) {
      at += (s === 0 ? 0.2 : 0.3 + rng.next() * (s === 1 ? 6 : 2)) * DAY_MS;
      if (at >= now) break;
      journey.push({ state: path[s]!, at });
    }
    return {
      type: isEpic ? 'epic' : rng.pick(['story', 'story', 'story', 'bug', 'task', 'spike'] as const),
      title: `Work item ${i + 1}`,
      rank: ranks[i]!,
      journey,
      fields: {
        estimate: isEpic ? null : rng.pick([1, 2, 3, 5, 8]),
        parent_id: !isEpic && epicIds.length ? rng.pick(epicIds) : null,
        release_id: !isEpic && i >= count - 2000 ? release.id : null,
      },
    };
  });
  // What autovacuum would have done by now: statistics, and the visibility map index-only scans need.
  if (handle.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
  const day = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  return {
    ctx: baseCtx,
    actor,
    releaseId: release.id,
    epicKey: `FLOW-1`,
    activityRows,
    today: day(today),
    yearAgo: day(today - 364),
  };
}
