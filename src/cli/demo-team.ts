import type { Actor, Clock, ServiceContext } from '../services/context.js';
import { createComment } from '../services/comments.js';
import { answerQuestion } from '../services/questions/answer-question.js';
import { askQuestionOnItem, askQuestion } from '../services/questions/ask-question.js';
import { recordDecision } from '../services/questions/decisions.js';
import { createRequest } from '../services/requests/create-request.js';
import { triageRequest } from '../services/requests/triage-request.js';
import { addRequestCustomer, voteForRequest } from '../services/requests/votes.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A clock the seeding moves forward by hand, so questions have honest ages. */
class SeedClock implements Clock {
  constructor(public current: number) {}
  now() {
    return new Date(this.current);
  }
}

export interface TeamDemoResult {
  openQuestions: number;
  decisions: number;
  requests: number;
  unreadForOwner: number;
}

/**
 * The demo's conversation with the team and the customers, over its last three weeks: questions
 * on items and on the product (some answered, some recorded as decisions, one decision superseded,
 * four still open, two of them old), requests from several customers with votes (three linked,
 * one merged, one declined, two waiting for triage), a comment that mentions the owner, and so
 * unread notifications in the owner's bell. Driven through the real services, like the rest.
 */
export async function seedTeamDemo(base: ServiceContext, productKey: string): Promise<TeamDemoResult> {
  const now = base.clock.now().getTime();
  const clock = new SeedClock(now - 21 * DAY);
  const ctx: ServiceContext = { ...base, clock };
  const at = (daysAgo: number, hour = 10) => {
    const day = Math.floor(now / DAY) * DAY;
    clock.current = Math.min(now - 60_000, day - daysAgo * DAY + hour * HOUR);
  };

  const product = await base.db.selectFrom('products').select('id').where('key', '=', productKey).executeTakeFirstOrThrow();
  const members = await base.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'memberships.role'])
    .where('memberships.product_id', '=', product.id)
    .orderBy('users.id')
    .execute();
  const as = (role: string, n = 0): Actor => {
    const m = members.filter((x) => x.role === role)[n] ?? members.find((x) => x.role === 'owner')!;
    return { userId: m.id, name: m.name, isAdmin: false };
  };
  const owner = as('owner');
  const [dev1, dev2, dev3] = [as('developer', 0), as('developer', 1), as('developer', 2)];
  const qa = as('qa');
  const sales = as('stakeholder');

  const itemsIn = async (category: string, type?: string) =>
    base.db
      .selectFrom('items')
      .innerJoin('workflow_states as s', 's.id', 'items.state_id')
      .select(['items.key', 'items.title'])
      .where('items.product_id', '=', product.id)
      .where('s.category', '=', category)
      .where('items.type', '!=', 'epic')
      .$if(!!type, (q) => q.where('items.type', '=', type!))
      .where('items.deleted_at', 'is', null)
      .orderBy('items.number')
      .limit(6)
      .execute();
  const inProgress = await itemsIn('in_progress');
  const backlog = await itemsIn('backlog', 'story');
  const done = await itemsIn('done', 'story');
  const pick = <T>(list: T[], i: number) => list[i % Math.max(1, list.length)]!;

  // ---- questions, answers and the decision log ----
  at(20);
  const feeModel = await recordDecision(ctx, owner, productKey, {
    title: 'Fees are shown per transaction, not per payout',
    body: 'Merchants reconcile by transaction; per-payout fees confused them in the pilot.',
    itemKeys: [pick(backlog, 0).key],
  });
  at(18, 11);
  const currency = await askQuestionOnItem(ctx, dev1, pick(inProgress, 0).key, {
    body: 'Should refunds go back in the original currency, or in the merchant’s settlement currency?',
  });
  at(17, 15);
  await answerQuestion(ctx, owner, currency.id, {
    body: 'Original currency, always. The customer must get back exactly what they paid; we absorb the FX difference.',
    decision: true,
  });
  at(15, 9);
  await askQuestionOnItem(ctx, qa, pick(inProgress, 1).key, {
    body: 'Do partial captures need to work for Amex in this release, or only Visa and Mastercard?',
  });
  at(14, 14);
  const statements = await askQuestion(ctx, sales, productKey, {
    body: 'Can we promise Acme monthly statements as PDF by the end of the quarter?',
  });
  at(13, 10);
  await answerQuestion(ctx, owner, statements.id, {
    body: 'Not this quarter: CSV export ships first. PDF is on the backlog after Wallets.',
  });
  at(12, 16);
  const feeQuestion = await askQuestionOnItem(ctx, dev2, pick(backlog, 0).key, {
    body: 'Payout statements: should fees still be per transaction now that we batch payouts daily?',
  });
  at(11, 11);
  await answerQuestion(ctx, owner, feeQuestion.id, {
    body: 'Show both: per transaction on the statement line, and the day’s total on the payout. This replaces the earlier fee decision.',
    decision: true,
    supersedes: feeModel.id,
  });
  at(10, 10);
  await askQuestionOnItem(ctx, dev3, pick(backlog, 1).key, {
    body: 'Do we keep archived cards in the export, or only active ones?',
    addresseeId: owner.userId,
  });
  at(6, 13);
  const retries = await askQuestionOnItem(ctx, dev1, pick(inProgress, 2).key, {
    body: 'Webhook retries: is at-least-once delivery acceptable to merchants, or do we need exactly-once?',
  });
  at(5, 9);
  await answerQuestion(ctx, owner, retries.id, {
    body: 'At-least-once with an idempotency key in every event. Merchants already dedupe; document it clearly.',
    decision: true,
  });
  at(1, 15);
  await askQuestionOnItem(ctx, qa, pick(inProgress, 3).key, {
    body: 'Which test cards should the 3-D Secure challenge use in staging?',
  });
  at(0, 1);
  await askQuestion(ctx, dev2, productKey, { body: 'Are we still targeting the 2.0 date, given the wallet work slipping?' });

  // ---- requests from customers, with votes ----
  const request = async (
    who: Actor,
    daysAgo: number,
    title: string,
    customer: string,
    impact: 'low' | 'medium' | 'high' | 'critical',
    description: string,
  ) => {
    at(daysAgo, 11);
    return createRequest(ctx, who, productKey, { title, customer, impact, description });
  };
  const vote = async (who: Actor, id: number) => voteForRequest(ctx, who, id).catch(() => undefined);
  const pdf = await request(sales, 19, 'Monthly statements as PDF', 'Acme Corp', 'high', 'Their finance team files statements as PDF.');
  const pdfAgain = await request(sales, 16, 'Printable statements', 'Hooli', 'medium', 'Printed for the auditors each quarter.');
  const sso = await request(owner, 15, 'Sign in with Okta', 'Globex', 'critical', 'Security review blocks the renewal without SSO.');
  const applePay = await request(sales, 12, 'Apple Pay on the web checkout', 'Initech', 'high', 'Half their traffic is iPhone.');
  const fax = await request(sales, 9, 'Payment confirmations by fax', 'Soylent', 'low', 'Their warehouse still runs on fax.');
  const payouts = await request(sales, 4, 'Instant payouts on weekends', 'Umbrella', 'medium', 'Weekend sellers wait until Monday.');
  const bulk = await request(sales, 2, 'Bulk refunds from a CSV file', 'Acme Corp', 'high', 'Support refunds hundreds after an outage.');
  for (const [who, id] of [
    [dev1, pdf.id],
    [qa, pdf.id],
    [dev2, sso.id],
    [dev3, sso.id],
    [qa, sso.id],
    [dev1, applePay.id],
    [dev2, payouts.id],
    [qa, bulk.id],
  ] as const)
    await vote(who, id);
  await addRequestCustomer(ctx, sales, pdf.id, 'Globex');
  await addRequestCustomer(ctx, sales, applePay.id, 'Hooli');

  at(8, 10);
  await triageRequest(ctx, owner, pdf.id, { action: 'link', itemKey: pick(backlog, 2).key });
  await triageRequest(ctx, owner, pdfAgain.id, { action: 'merge', requestId: pdf.id });
  await triageRequest(ctx, owner, applePay.id, { action: 'link', itemKey: pick(done, 0).key });
  await triageRequest(ctx, owner, sso.id, { action: 'create' });
  at(7, 16);
  await triageRequest(ctx, owner, fax.id, {
    action: 'decline',
    reason: 'Fax is out of scope: confirmations go by e-mail and webhook. We can help Soylent set up an e-mail-to-fax gateway.',
  });

  // ---- a mention for the owner ----
  at(0, 2);
  await createComment(ctx, dev1, {
    key: pick(inProgress, 0).key,
    body: `@${owner.name} the refund currency decision is in; can you accept the criteria once QA is done?`,
  });

  const count = async (table: 'questions' | 'decisions' | 'requests', where?: [string, string]) => {
    let q = base.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', product.id);
    if (where) q = q.where(where[0] as any, '=', where[1]);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const unread = await base.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', owner.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    openQuestions: await count('questions', ['state', 'open']),
    decisions: await count('decisions'),
    requests: await count('requests'),
    unreadForOwner: Number(unread.n),
  };
}
