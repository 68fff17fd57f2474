import { sql } from 'kysely';
import type { Db } from '../../src/db/schema.js';
import type { Dialect } from '../../src/db/dialect.js';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { systemClock, type Actor, type ServiceContext } from '../../src/services/context.js';
import { createProduct } from '../../src/services/products/create-product.js';
import { createApiToken } from '../../src/services/users.js';
import { Random } from '../../src/domain/random.js';
import type { GeneratedProduct } from './generate.js';

const BATCH = 500;
const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Soylent', 'Stark', 'Wayne', 'Wonka', 'Tyrell'];
const ASKS = [
  'Should this include archived records?',
  'Which currencies must this support at launch?',
  'Is a CSV enough, or do they need PDF too?',
  'Can we drop support for the old API here?',
  'Who signs off the copy for this screen?',
];

/**
 * Questions and requests on a generated product, in bulk: `questions` open questions to its owners
 * (most on items, spread over the past year, oldest first), `requests` new requests from several
 * customers with votes from the team, and `mentions` unread mentions of the owner; the items'
 * open-question counts follow. Rows are written directly, as generateProduct does, so 10,000 of
 * each take seconds.
 */
export async function generateTeamTalk(
  db: Db,
  product: GeneratedProduct,
  opts: { questions: number; requests: number; mentions: number; seed?: number },
): Promise<void> {
  const rnd = Random.fromState(opts.seed ?? 9);
  const p = await db.selectFrom('products').select('id').where('key', '=', product.key).executeTakeFirstOrThrow();
  const team = (
    await db.selectFrom('memberships').select('user_id').where('product_id', '=', p.id).where('role', '=', 'developer').execute()
  ).map((m) => m.user_id);
  const items = await db.selectFrom('items').select('id').where('product_id', '=', p.id).orderBy('id').limit(20_000).execute();
  const now = Date.now();
  const year = 365 * 86_400_000;
  const at = (i: number, n: number) => new Date(now - year + (i / n) * (year - 3_600_000)).toISOString();

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < opts.questions; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(opts.questions, i + BATCH); j++)
        rows.push({
          product_id: p.id,
          item_id: rnd.next() < 0.8 ? items[rnd.int(items.length)]!.id : null,
          asker_id: rnd.pick(team),
          addressee_id: null,
          body: rnd.pick(ASKS),
          state: 'open',
          created_at: at(j, opts.questions),
          answer: null,
          answered_by: null,
          answered_at: null,
          decision_id: null,
        });
      await trx.insertInto('questions').values(rows).execute();
    }
    await sql`UPDATE items SET open_questions = (SELECT count(*) FROM questions q WHERE q.item_id = items.id AND q.state = 'open')
      WHERE id IN (SELECT item_id FROM questions WHERE product_id = ${p.id})`.execute(trx);

    for (let i = 0; i < opts.requests; i += BATCH) {
      const n = Math.min(opts.requests, i + BATCH) - i;
      const created = await trx
        .insertInto('requests')
        .values(
          Array.from({ length: n }, (_, k) => {
            const when = at(i + k, opts.requests);
            return {
              product_id: p.id,
              title: `${rnd.pick(ASKS).replace('?', '')} (request ${i + k + 1})`,
              description: 'Asked for in the quarterly review.',
              customer: rnd.pick(CUSTOMERS),
              impact: rnd.pick(['low', 'medium', 'high', 'critical']),
              link: null,
              requester_id: rnd.pick(team),
              state: 'new',
              item_id: null,
              merged_into_id: null,
              decline_reason: null,
              triaged_by: null,
              triaged_at: null,
              shipped_at: null,
              created_at: when,
              updated_at: when,
            };
          }),
        )
        .returning(['id', 'customer', 'requester_id', 'created_at'])
        .execute();
      const votes: Array<{ request_id: number; user_id: number; created_at: string }> = [];
      const customers: Array<{ request_id: number; customer_key: string; customer: string; added_by: number; created_at: string }> = [];
      for (const r of created) {
        const voters = new Set([r.requester_id, ...Array.from({ length: rnd.int(5) }, () => rnd.pick(team))]);
        for (const user_id of voters) votes.push({ request_id: r.id, user_id, created_at: r.created_at });
        customers.push({
          request_id: r.id,
          customer_key: r.customer.toLowerCase(),
          customer: r.customer,
          added_by: r.requester_id,
          created_at: r.created_at,
        });
      }
      for (let k = 0; k < votes.length; k += BATCH)
        await trx
          .insertInto('request_votes')
          .values(votes.slice(k, k + BATCH))
          .execute();
      await trx.insertInto('request_customers').values(customers).execute();
    }
    await sql`UPDATE requests SET votes = (SELECT count(*) FROM request_votes v WHERE v.request_id = requests.id), customers = 1
      WHERE product_id = ${p.id}`.execute(trx);

    const ownerId = product.owner.userId;
    for (let i = 0; i < opts.mentions; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(opts.mentions, i + BATCH); j++)
        rows.push({
          user_id: ownerId,
          seq: j + 1,
          kind: 'mention',
          product_id: p.id,
          actor_id: rnd.pick(team),
          title: 'Developer mentioned you in a comment',
          body: '@Bench Owner can you look at this?',
          link: `/p/${product.key}/items/${product.key}-${j + 1}`,
          entity_type: 'comment',
          entity_id: j + 1,
          created_at: at(j, opts.mentions),
          read_at: null,
          email_state: null,
        });
      await trx.insertInto('notifications').values(rows).execute();
    }
    await trx
      .insertInto('notification_users')
      .values({ user_id: ownerId, last_seq: opts.mentions })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_seq: opts.mentions }))
      .execute();
  });
}

/**
 * Two small products for measuring fan-out: FAN, where `members` people are owners (a question
 * asked there notifies all of them), and SOLO, owned by the asker alone (the same request
 * notifies nobody). Users are written directly; they never sign in.
 */
export async function generateFanOut(db: Db, dialect: Dialect, asker: Actor, members: number): Promise<{ token: string }> {
  const ctx: ServiceContext = { db, dialect, clock: systemClock, bus: new LocalEventBus() };
  await createProduct(ctx, asker, { key: 'FAN', name: 'Fan-out' });
  await createProduct(ctx, asker, { key: 'SOLO', name: 'Alone' });
  const fan = await db.selectFrom('products').select('id').where('key', '=', 'FAN').executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const users = await db
    .insertInto('users')
    .values(
      Array.from({ length: members }, (_, i) => ({
        email: `member${i}-${Date.now().toString(36)}@example.com`,
        name: `Member ${i + 1}`,
        password_hash: 'never-signs-in',
        is_admin: 0,
        created_at: now,
        disabled_at: null,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('memberships')
    .values(users.map((u) => ({ product_id: fan.id, user_id: u.id, role: 'owner', created_at: now })))
    .execute();
  const { token } = await createApiToken(ctx, asker, 'fan-out');
  return { token };
}
