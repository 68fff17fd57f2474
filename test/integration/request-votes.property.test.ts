import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { createItem } from '../../src/services/items/create-item.js';
import { createRequest } from '../../src/services/requests/create-request.js';
import { triageRequest } from '../../src/services/requests/triage-request.js';
import { addRequestCustomer, voteForRequest, withdrawVote } from '../../src/services/requests/votes.js';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';

type Op =
  | { op: 'submit'; user: number; customer: number }
  | { op: 'vote'; user: number; req: number }
  | { op: 'unvote'; user: number; req: number }
  | { op: 'customer'; user: number; req: number; customer: number }
  | { op: 'link'; req: number; item: number }
  | { op: 'merge'; req: number; into: number };

const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella'];
const PEOPLE = 3;
const ITEMS = 2;

// Few people, items and requests, so sequences often put one voter or customer on several
// requests of one item: the case where counting without "distinct" goes wrong.
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('submit' as const), user: fc.nat(PEOPLE - 1), customer: fc.nat(CUSTOMERS.length - 1) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('vote' as const), user: fc.nat(PEOPLE - 1), req: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unvote' as const), user: fc.nat(PEOPLE - 1), req: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('customer' as const),
      user: fc.nat(PEOPLE - 1),
      req: fc.nat(5),
      customer: fc.nat(CUSTOMERS.length - 1),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('link' as const), req: fc.nat(5), item: fc.nat(ITEMS - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), req: fc.nat(5), into: fc.nat(5) }) },
);

/** What the votes and customers should be, kept by the rules as a person reads them. */
interface ModelRequest {
  id: number;
  voters: Set<number>;
  customers: Set<string>;
  state: 'new' | 'linked' | 'merged';
  item: number | null;
}

describeEachDialect('votes and customers on an item (property)', (h: Harness) => {
  it('always equal the distinct voters and customers over its linked requests, after any sequence of votes, withdrawals, customers, merges and links', async () => {
    const owner = await h.buildUser({ name: 'Owner' });
    const people: TestUser[] = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await h.buildUser({ name: `Stakeholder ${i}` }));
    let run = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const { key } = await h.buildProduct(owner, { key: `PROP${h.dialect === 'sqlite' ? 'S' : 'P'}${++run}` });
        for (const p of people) await h.addMember(key, owner, p, 'stakeholder');
        const items: Array<{ key: string }> = [];
        for (let i = 0; i < ITEMS; i++) items.push(await createItem(h.ctx, owner.actor, key, { title: `Item ${i}` }));
        const model: ModelRequest[] = [];
        const attempt = async (fn: () => Promise<unknown>, allowed: boolean) => {
          try {
            await fn();
            expect(allowed, `the service allowed what the model refuses: ${JSON.stringify(ops)}`).toBe(true);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            expect(allowed, `the service refused what the model allows (${e.message}): ${JSON.stringify(ops)}`).toBe(false);
          }
        };

        for (const o of ops) {
          if (o.op === 'submit') {
            const r = await createRequest(h.ctx, people[o.user]!.actor, key, {
              title: 'Wanted',
              customer: CUSTOMERS[o.customer]!,
              impact: 'low',
            });
            model.push({
              id: r.id,
              voters: new Set([people[o.user]!.id]),
              customers: new Set([CUSTOMERS[o.customer]!.toLowerCase()]),
              state: 'new',
              item: null,
            });
            continue;
          }
          const r = model[o.req];
          if (!r) continue;
          const open = r.state !== 'merged';
          if (o.op === 'vote' || o.op === 'unvote') {
            const user = people[o.user]!;
            const has = r.voters.has(user.id);
            const allowed = open && (o.op === 'vote' ? !has : has);
            await attempt(() => (o.op === 'vote' ? voteForRequest : withdrawVote)(h.ctx, user.actor, r.id), allowed);
            if (allowed && o.op === 'vote') r.voters.add(user.id);
            if (allowed && o.op === 'unvote') r.voters.delete(user.id);
          } else if (o.op === 'customer') {
            const name = CUSTOMERS[o.customer]!;
            const allowed = open && !r.customers.has(name.toLowerCase());
            await attempt(() => addRequestCustomer(h.ctx, people[o.user]!.actor, r.id, name), allowed);
            if (allowed) r.customers.add(name.toLowerCase());
          } else if (o.op === 'link') {
            const allowed = r.state === 'new';
            await attempt(() => triageRequest(h.ctx, owner.actor, r.id, { action: 'link', itemKey: items[o.item]!.key }), allowed);
            if (allowed) Object.assign(r, { state: 'linked', item: o.item });
          } else {
            const into = model[o.into];
            if (!into) continue;
            const allowed = r.state === 'new' && into !== r && into.state !== 'merged';
            await attempt(() => triageRequest(h.ctx, owner.actor, r.id, { action: 'merge', requestId: into.id }), allowed);
            if (allowed) {
              r.state = 'merged';
              for (const v of r.voters) into.voters.add(v);
              for (const c of r.customers) into.customers.add(c);
            }
          }
        }

        for (const [i, item] of items.entries()) {
          const linked = model.filter((r) => r.state === 'linked' && r.item === i);
          const expected = {
            requests: linked.length,
            votes: new Set(linked.flatMap((r) => [...r.voters])).size,
            customers: new Set(linked.flatMap((r) => [...r.customers])).size,
          };
          const row = await h.ctx.db
            .selectFrom('items')
            .select(['request_count as requests', 'request_votes as votes', 'request_customers as customers'])
            .where('key', '=', item.key)
            .executeTakeFirstOrThrow();
          expect(row, `item ${i} after ${JSON.stringify(ops)}`).toEqual(expected);
        }
        for (const r of model) {
          const row = await h.ctx.db.selectFrom('requests').select(['votes', 'customers']).where('id', '=', r.id).executeTakeFirstOrThrow();
          expect(row).toEqual({ votes: r.voters.size, customers: r.customers.size });
        }
      }),
      { numRuns: h.dialect === 'sqlite' ? 60 : 20 },
    );
  }, 240_000);
});
