import { loadConfig } from '../../../src/cli/config.js';
import { openRuntime } from '../../../src/cli/runtime.js';
import { MovableClock } from '../../../src/cli/seed/clock.js';
import { editItem, Timeline } from '../../../src/cli/seed/history.js';
import { seedUser } from '../../../src/cli/seed/people.js';
import { seedProduct } from '../../../src/cli/seed/product.js';
import type { TItem } from '../../../src/contract/items.js';
import { DAY_MS } from '../../../src/domain/dates.js';
import { createComment } from '../../../src/services/comments.js';
import type { ServiceContext } from '../../../src/services/context.js';
import { createCriterion, updateCriterion } from '../../../src/services/criteria.js';
import { createItem } from '../../../src/services/items/create-item.js';
import { moveItem } from '../../../src/services/items/move-item.js';
import { createLink } from '../../../src/services/links.js';
import { updateState } from '../../../src/services/products/update-state.js';
import { OrdoProcess } from '../../support/ordo-process.js';

const PASSWORD = 'correct horse battery';

/**
 * A month of a payments team's board, written through the real services under a clock that
 * moves, so cards have honest ages and the history reads like a real one. For screenshots:
 * ~40 cards, In progress over its WIP limit, a blocked bug, three epics, one story told in full.
 */

const EPICS = ['Checkout redesign', 'Refunds & disputes', 'Statements & exports'];
/** title, type, epic (index), estimate, labels, where it ends, days in that state, assignee (index of the team) */
const CARDS: Array<[string, string, number | null, number | null, string[], string, number, number | null]> = [
  ['Wallet button on the payment page', 'story', 0, 5, ['ux', 'checkout'], 'Backlog', 12, null],
  ['Remember the last payment method', 'story', 0, 3, ['checkout'], 'Backlog', 9, null],
  ['Dispute evidence upload', 'story', 1, 8, ['api'], 'Backlog', 14, null],
  ['Monthly statement as PDF', 'story', 2, 5, ['reporting'], 'Backlog', 20, null],
  ['Investigate bank statement formats', 'spike', 2, 2, ['reporting'], 'Backlog', 6, null],
  ['Address lookup in checkout', 'story', 0, 3, ['ux'], 'Backlog', 16, null],
  ['Dispute timeline for merchants', 'story', 1, 5, [], 'Backlog', 11, null],
  ['Upgrade the card SDK', 'task', null, 2, ['tech-debt'], 'Backlog', 8, null],
  ['Show fees before paying', 'story', 0, 3, ['checkout', 'compliance'], 'To do', 4, null],
  ['Partial refunds', 'story', 1, 5, ['api'], 'To do', 3, 1],
  ['Export statements as CSV', 'story', 2, 3, ['reporting'], 'To do', 6, null],
  ['Refund notifications by e-mail', 'story', 1, 2, [], 'To do', 2, null],
  ['3-D Secure challenge on mobile', 'story', 0, 8, ['mobile', 'security'], 'To do', 5, 3],
  ['Card expiry reminders', 'story', 0, 2, ['ux'], 'To do', 7, null],
  ['Settlement report totals per day', 'story', 2, 3, ['reporting'], 'To do', 1, null],
  ['Refund to the original card', 'story', 1, 5, ['api', 'billing'], 'In progress', 4, 0],
  ['Duplicate charge on retry', 'bug', 0, 2, ['billing'], 'In progress', 9, 1],
  ['New checkout layout', 'story', 0, 8, ['ux', 'checkout'], 'In progress', 2, 2],
  ['Statement totals off by a cent', 'bug', 2, 1, ['reporting'], 'In progress', 1, 3],
  ['Dispute fee in the payout report', 'story', 1, 3, [], 'In progress', 3, 2],
  ['Saved cards list', 'story', 0, 5, ['checkout'], 'Review', 2, 0],
  ['Decline reasons in plain words', 'story', 0, 3, ['ux'], 'Review', 1, 3],
  ['Refund limits per merchant', 'story', 1, 3, ['compliance'], 'Review', 3, 1],
  ['Apple Pay on the web', 'story', 0, 5, ['checkout'], 'Done', 2, 2],
  ['Refund reasons', 'story', 1, 2, [], 'Done', 3, 0],
  ['Fee breakdown per transaction', 'story', 2, 3, ['reporting'], 'Done', 5, 1],
  ['Timeout in payment capture under load', 'bug', 0, 3, ['performance'], 'Done', 6, 3],
  ['Currency shown twice in receipts', 'bug', 2, 1, [], 'Done', 8, 2],
  ['Chargeback alerts', 'story', 1, 5, ['api'], 'Done', 9, 0],
  ['Postcode validation', 'task', 0, 1, ['ux'], 'Done', 11, 1],
  ['Tax summary in statements', 'story', 2, 3, ['reporting', 'compliance'], 'Done', 12, 3],
  ['Google Pay on Android', 'story', 0, 5, ['mobile'], 'Done', 14, 2],
  ['Bulk refunds API', 'story', 1, 8, ['api'], 'Done', 15, 0],
  ['Log refund events', 'task', 1, 1, [], 'Done', 17, 1],
  ['Prototype one-tap checkout', 'spike', 0, 3, ['checkout'], 'Done', 19, 2],
];
const FLOW = ['Backlog', 'To do', 'In progress', 'Review', 'Done'];

export interface StoryServer {
  server: OrdoProcess;
  owner: { email: string; password: string };
  /** the item told in full: description, criteria, a link, comments and history */
  featured: string;
}

/** Writes the story into a fresh data directory and serves it with the built web app; `server.close()` removes both. */
export async function startStoryServer(): Promise<StoryServer> {
  const server = new OrdoProcess();
  const clock = new MovableClock(Date.now() - 35 * DAY_MS);
  const runtime = await openRuntime(loadConfig({ ...process.env, DATA_DIR: server.dataDir!, DATABASE_URL: '' }), { clock });
  let featured: string;
  try {
    featured = await tell(runtime.ctx, clock);
  } finally {
    await runtime.close();
  }
  await server.start();
  return { server, owner: { email: 'ann@example.com', password: PASSWORD }, featured };
}

async function tell(ctx: ServiceContext, clock: MovableClock): Promise<string> {
  const start = clock.current.getTime();
  const person = (name: string, isAdmin = false) => seedUser(ctx, { name, password: PASSWORD, isAdmin });
  const ann = (await person('Ann Owner', true)).actor;
  const team = [
    (await person('Dev Patel')).actor,
    (await person('Lena Fischer')).actor,
    (await person('Tomás Reyes')).actor,
    (await person('Quinn Tester')).actor,
  ];
  const sam = (await person('Sam Sales')).actor;
  const { stateId } = await seedProduct(ctx, ann, {
    key: 'PAY',
    name: 'Payments',
    vision: 'Merchants get paid, and refund, without a phone call.',
    members: [
      ...team.map((actor, i) => ({ actor, role: i === 3 ? ('qa' as const) : ('developer' as const) })),
      { actor: sam, role: 'stakeholder' },
    ],
  });

  const keys = new Map<string, string>();
  const keyOf = (title: string) => keys.get(title)!;
  const epics: string[] = [];
  for (const title of EPICS) epics.push((await createItem(ctx, ann, 'PAY', { title, type: 'epic' })).key);

  // Every card is written on day 1; what happens after is a timeline of dated steps.
  clock.set(start + DAY_MS);
  const timeline = new Timeline();
  const now = start + 35 * DAY_MS;
  for (const [n, [title, type, epic, estimate, labels, end, days, assignee]] of CARDS.entries()) {
    const { key } = await createItem(ctx, ann, 'PAY', {
      title,
      type: type as TItem['type'],
      parentKey: epic === null ? null : epics[epic],
      estimate,
      labels,
    });
    keys.set(title, key);
    const hops = FLOW.indexOf(end);
    // Walk back from the last hop: each earlier hop a few days before the next.
    let at = now - days * DAY_MS - (n % 5) * 3_600_000;
    const dates: number[] = [];
    for (let h = hops; h >= 1; h--) {
      dates.unshift(at);
      at -= (1 + ((n + h) % 4)) * DAY_MS;
    }
    for (let h = 1; h <= hops; h++) {
      const actor = h >= 2 && assignee !== null ? team[assignee]! : ann;
      timeline.at(dates[h - 1]!, async () => {
        if (h === 2 && assignee !== null) await editItem(ctx, actor, key, { assigneeId: actor.userId });
        await moveItem(ctx, actor, key, { stateId: stateId(FLOW[h]!) });
      });
    }
  }
  await timeline.play(clock);

  const at = (daysAgo: number, hour = 10) => clock.set(now - daysAgo * DAY_MS + hour * 3_600_000 - 10 * 3_600_000);
  const [dev, , tomas] = team;
  const featured = keyOf('Refund to the original card');
  at(3, 11);
  await editItem(ctx, dev!, keyOf('Duplicate charge on retry'), {
    blocked: true,
    blockedReason: 'Waiting for the acquiring bank’s sandbox credentials',
  });

  at(12, 9);
  await editItem(ctx, ann, featured, {
    description: [
      'When a merchant refunds a card payment, the money should go back to **the card that paid**, not to a bank transfer the shopper has to claim.',
      '',
      '- Shoppers wait 5–10 days for a transfer, and call the merchant meanwhile.',
      '- The acquirer supports it through its `refunds` endpoint: [their guide](https://docs.example-acquirer.com/refunds).',
    ].join('\n'),
    businessValue: 8,
    timeCriticality: 5,
    riskReduction: 3,
    jobSize: 3,
    riceReach: 1200,
    riceImpact: 2,
    riceConfidence: 80,
    riceEffort: 3,
  });
  const criteria = [];
  for (const text of [
    'Refunds go back to the card that paid',
    'Partial amounts are allowed up to the captured total',
    'The shopper gets an e-mail with the expected date',
    'Errors from the acquirer are shown in plain words',
  ]) {
    criteria.push(await createCriterion(ctx, ann, { key: featured, text }));
  }
  at(11, 14);
  await editItem(ctx, dev!, featured, { estimate: 5 });
  await createLink(ctx, ann, {
    key: featured,
    kind: 'relates',
    otherKey: keyOf('Partial refunds'),
  });
  await createLink(ctx, ann, { key: featured, kind: 'blocked_by', otherKey: keyOf('Duplicate charge on retry') });
  at(2, 16);
  await createComment(ctx, dev!, { key: featured, body: 'First version is behind the `refunds_v2` flag; tests are green.' });
  at(1, 9);
  await createComment(ctx, sam, { key: featured, body: 'Two merchants asked about this on Monday. Can we give them a date?' });
  await updateCriterion(ctx, ann, { id: criteria[0]!.id, accepted: true });
  await updateCriterion(ctx, ann, { id: criteria[1]!.id, accepted: true });
  at(1, 10);
  await createComment(ctx, ann, {
    key: featured,
    body: 'Aiming for the end of this sprint. **Partial refunds** come right after; I will tell them on Friday.',
  });
  at(0, 9);
  await editItem(ctx, tomas!, keyOf('Statement totals off by a cent'), { estimate: 2 });

  // The team agreed on limits after the fact: In progress is now over its limit.
  await updateState(ctx, ann, 'PAY', stateId('In progress'), { wipLimit: 4 });
  await updateState(ctx, ann, 'PAY', stateId('Review'), { wipLimit: 3 });
  clock.set(Date.now());
  return featured;
}
