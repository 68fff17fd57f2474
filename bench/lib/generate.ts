import type { Db, NewItemRow } from '../../src/db/schema.js';
import type { Dialect } from '../../src/db/dialect.js';
import { ranksBetween } from '../../src/domain/ranks.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type Actor, type ServiceContext } from '../../src/services/context.js';
import { createProduct } from '../../src/services/products/create-product.js';
import { setMember } from '../../src/services/products/set-member.js';
import { createApiToken, createUser } from '../../src/services/users.js';

/** A product filled by the generator, and how to act on it through the API. */
export interface GeneratedProduct {
  key: string;
  productId: number;
  /** state name → id, for the default workflow */
  states: Record<string, number>;
  itemCount: number;
  epicKeys: string[];
  labels: string[];
  /** a Bearer token of the product's owner */
  token: string;
  owner: Actor;
}

/** A small, seeded PRNG (mulberry32): the same seed makes the same product every run. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
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
const BATCH = 500;

/**
 * Creates an owner, a few team members and a product with `items` items, in bulk: ranks from one
 * generateNKeysBetween call, labels, epics with children, states spread across the workflow, an
 * activity row per creation and per state change, and full-text search populated (the SQLite FTS
 * triggers and the PostgreSQL generated tsvector fill themselves on insert).
 */
export async function generateProduct(
  db: Db,
  dialect: Dialect,
  opts: { key: string; items: number; epics?: number; seed?: number; now?: Date },
): Promise<GeneratedProduct> {
  const rnd = seededRandom(opts.seed ?? 42);
  const ctx: ServiceContext = { db, dialect, clock: systemClock, bus: new LocalEventBus() };
  const suffix = `${opts.key.toLowerCase()}-${Date.now().toString(36)}`;
  const ownerRow = await createUser(ctx, {
    email: `owner-${suffix}@example.com`,
    name: 'Bench Owner',
    password: 'bench password 1',
    isAdmin: true,
  });
  const owner: Actor = { userId: ownerRow.id, name: ownerRow.name, isAdmin: true };
  const { token } = await createApiToken(ctx, owner, 'bench');
  await createProduct(ctx, owner, { key: opts.key, name: `Bench ${opts.key}` });
  const team: number[] = [];
  for (let i = 0; i < 8; i++) {
    const u = await createUser(ctx, { email: `dev${i}-${suffix}@example.com`, name: `Developer ${i + 1}`, password: 'bench password 1' });
    await setMember(ctx, owner, opts.key, { userId: u.id, role: 'developer' });
    team.push(u.id);
  }
  const product = await db.selectFrom('products').selectAll().where('key', '=', opts.key).executeTakeFirstOrThrow();
  const stateRows = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).execute();
  const states = Object.fromEntries(stateRows.map((s) => [s.name, s.id]));

  const epicCount = Math.min(opts.epics ?? Math.max(1, Math.round(opts.items / 500)), opts.items);
  const ranks = ranksBetween(null, null, opts.items);
  const now = (opts.now ?? new Date()).getTime();
  const yearMs = 365 * 24 * 3600_000;
  let event = product.last_event;

  await db.transaction().execute(async (trx) => {
    const epicIds: number[] = [];
    const activity: Array<Record<string, unknown>> = [];
    const labelRows: Array<{ item_id: number; product_id: number; label: string }> = [];
    const flushActivity = async (force = false) => {
      while (activity.length >= BATCH || (force && activity.length > 0)) {
        await trx
          .insertInto('activity')
          .values(activity.splice(0, BATCH) as never)
          .execute();
      }
    };
    const flushLabels = async (force = false) => {
      while (labelRows.length >= BATCH * 2 || (force && labelRows.length > 0)) {
        await trx
          .insertInto('item_labels')
          .values(labelRows.splice(0, BATCH * 2))
          .execute();
      }
    };

    for (let start = 0; start < opts.items; start += BATCH) {
      const batch: Array<NewItemRow & { pending_labels: string[] }> = [];
      for (let i = start; i < Math.min(start + BATCH, opts.items); i++) {
        const isEpic = i < epicCount;
        const stateName = isEpic ? 'In progress' : spread(rnd.next());
        const created = now - yearMs + Math.floor((i / opts.items) * yearMs * 0.95);
        const entered = created + Math.floor(rnd.next() * (now - created) * 0.5);
        const at = new Date(created).toISOString();
        const enteredAt = new Date(entered).toISOString();
        const labels = [...new Set(Array.from({ length: rnd.int(0, 3) }, () => rnd.pick(LABELS)))];
        const title = isEpic
          ? `${rnd.pick(THINGS)} ${rnd.pick(WAYS)} (epic ${i + 1})`
          : `${rnd.pick(VERBS)} ${rnd.pick(THINGS)} ${rnd.pick(WAYS)}`;
        const blocked = !isEpic && stateName === 'In progress' && rnd.next() < 0.1;
        batch.push({
          product_id: product.id,
          number: i + 1,
          key: `${opts.key}-${i + 1}`,
          type: isEpic ? 'epic' : rnd.pick(TYPES),
          title,
          description: Array.from({ length: rnd.int(0, 3) }, () => rnd.pick(SENTENCES)).join(' '),
          state_id: states[stateName]!,
          rank: ranks[i]!,
          estimate: isEpic ? null : rnd.pick(ESTIMATES),
          business_value: rnd.next() < 0.4 ? rnd.int(1, 20) : null,
          time_criticality: rnd.next() < 0.4 ? rnd.int(1, 20) : null,
          risk_reduction: rnd.next() < 0.4 ? rnd.int(1, 20) : null,
          job_size: rnd.next() < 0.4 ? rnd.int(1, 13) : null,
          rice_reach: null,
          rice_impact: null,
          rice_confidence: null,
          rice_effort: null,
          labels: JSON.stringify(labels),
          assignee_id: stateName !== 'Backlog' && rnd.next() < 0.8 ? rnd.pick(team) : null,
          parent_id: !isEpic && epicIds.length > 0 && rnd.next() < 0.7 ? rnd.pick(epicIds) : null,
          sprint_id: null,
          release_id: null,
          blocked: blocked ? 1 : 0,
          blocked_reason: blocked ? 'Waiting on the payments provider' : null,
          blocked_since: blocked ? enteredAt : null,
          blocked_seconds: 0,
          created_by: owner.userId,
          created_at: at,
          updated_at: enteredAt,
          state_entered_at: stateName === 'Backlog' ? at : enteredAt,
          started_at: stateName === 'In progress' || stateName === 'Review' || stateName === 'Done' ? enteredAt : null,
          done_at: stateName === 'Done' ? enteredAt : null,
          deleted_at: null,
          version: 1,
          pending_labels: labels,
        });
      }
      const inserted = await trx
        .insertInto('items')
        .values(batch.map(({ pending_labels: _labels, ...row }) => row))
        .returning(['id', 'key', 'type', 'title', 'state_id', 'created_at', 'state_entered_at'])
        .execute();
      for (const [j, row] of inserted.entries()) {
        const source = batch[j]!;
        if (row.type === 'epic') epicIds.push(row.id);
        for (const label of source.pending_labels) labelRows.push({ item_id: row.id, product_id: product.id, label });
        const stateName = stateRows.find((s) => s.id === row.state_id)!.name;
        activity.push(
          activityRow(
            product.id,
            ++event,
            owner.userId,
            row.id,
            'created',
            null,
            {
              key: row.key,
              type: row.type,
              title: row.title,
              stateId: states.Backlog,
              state: 'Backlog',
              rank: source.rank,
            },
            row.created_at,
          ),
        );
        if (stateName !== 'Backlog') {
          activity.push(
            activityRow(
              product.id,
              ++event,
              owner.userId,
              row.id,
              'moved',
              { stateId: states.Backlog, state: 'Backlog' },
              { stateId: row.state_id, state: stateName },
              row.state_entered_at,
            ),
          );
        }
      }
      await flushActivity();
      await flushLabels();
    }
    await flushActivity(true);
    await flushLabels(true);
    await trx
      .updateTable('products')
      .set({ last_event: event, next_item_number: opts.items + 1 })
      .where('id', '=', product.id)
      .execute();
  });

  const epicKeys = Array.from({ length: epicCount }, (_, i) => `${opts.key}-${i + 1}`);
  return { key: opts.key, productId: product.id, states, itemCount: opts.items, epicKeys, labels: LABELS, token, owner };
}

function spread(x: number): string {
  let acc = 0;
  for (const [name, share] of STATE_SPREAD) {
    acc += share;
    if (x < acc) return name;
  }
  return 'Backlog';
}

function activityRow(
  productId: number,
  eventNumber: number,
  actorId: number,
  itemId: number,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  at: string,
) {
  return {
    product_id: productId,
    event_number: eventNumber,
    actor_id: actorId,
    entity_type: 'item',
    entity_id: itemId,
    item_id: itemId,
    action,
    before: before ? JSON.stringify(before) : null,
    after: JSON.stringify(after),
    created_at: at,
  };
}
