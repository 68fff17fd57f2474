import { freshDatabase } from '../test/support/database.js';
import { startOrdo } from '../test/support/ordo-process.js';
import { LocalEventBus } from '../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../src/services/context.js';
import { createApiToken } from '../src/services/users.js';
import { createItem } from '../src/services/items/create-item.js';
import { seedUser } from '../src/cli/seed/people.js';
import { seedProduct } from '../src/cli/seed/product.js';
import { percentile } from './lib/load.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const SEED_ITEMS = 50;
const SAME_SPOT_MOVES = 64;
const WORKERS = { create: 3, move: 3, edit: 2 } as const;

type Op = keyof typeof WORKERS;

/**
 * Writers of one product at once over real HTTP against `ordo serve`: three creating items, three
 * moving them (next to a neighbour, to the bottom, into another column), two editing at the
 * version they read, each sending its next request when the last one answered. Then 64 moves
 * sent at once into the same spot. What counts is the answers: success or a 409 with a reason,
 * never a 5xx (docs/decisions/0014); the latencies show what the product row's queue costs.
 */
export async function contentionBench(ctx: BenchContext): Promise<SectionResult> {
  const mixed: Table = {
    title: `${WORKERS.create} creators, ${WORKERS.move} movers and ${WORKERS.edit} editors in one product for ${ctx.seconds} s (target: no 5xx)`,
    columns: ['dialect', 'operation', 'requests', 'per s', 'p50 ms', 'p99 ms', '409', '5xx', 'target'],
    rows: [],
  };
  const spot: Table = {
    title: `${SAME_SPOT_MOVES} moves sent at once, all next to one item (target: all 200)`,
    columns: ['dialect', '200', '409', '5xx', 'slowest ms', 'target'],
    rows: [],
  };
  for (const dialect of ctx.dialects) {
    const db = await freshDatabase(dialect, { prefix: 'ordo_bench_contention' });
    const server = await startOrdo(dialect === 'postgres' ? { databaseUrl: db.url } : { dataDir: db.url });
    try {
      const services: ServiceContext = { db: db.handle.db, dialect, clock: systemClock, bus: new LocalEventBus() };
      const owner = await seedUser(services, {
        name: 'Bench Owner',
        email: 'bench@example.com',
        password: 'long enough pw',
        isAdmin: true,
      });
      const { token } = await createApiToken(services, owner.actor, 'bench');
      const product = await seedProduct(services, owner.actor, { key: 'RACE', name: 'Race' });
      const keys: string[] = [];
      for (let i = 0; i < SEED_ITEMS + SAME_SPOT_MOVES; i++)
        keys.push((await createItem(services, owner.actor, 'RACE', { title: `Seed ${i}` })).key);
      const send = async (method: string, path: string, body: unknown) => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, ms: performance.now() - t0, json: () => JSON.parse(text) };
      };

      ctx.log(`[${dialect}] mixed writers for ${ctx.seconds} s`);
      const results: Record<Op, { status: number; ms: number }[]> = { create: [], move: [], edit: [] };
      const until = performance.now() + ctx.seconds * 1000;
      const columns = ['To do', 'In progress', 'Review'].map((n) => product.stateId(n));
      const worker = async (op: Op, w: number) => {
        for (let i = 0; performance.now() < until; i++) {
          const item = keys[(w * 17 + i * 7) % SEED_ITEMS]!;
          if (op === 'create') results.create.push(await send('POST', '/api/products/RACE/items', { title: `C${w}-${i}` }));
          else if (op === 'move') {
            const anchor = keys[(w * 5 + i * 3 + 1) % SEED_ITEMS]!;
            const body =
              i % 3 === 0
                ? { stateId: columns[i % columns.length] }
                : i % 3 === 1 || anchor === item
                  ? { position: 'bottom' }
                  : { after: anchor };
            results.move.push(await send('POST', `/api/items/${item}/move`, body));
          } else {
            const current = await send('GET', `/api/items/${item}`, undefined);
            results.edit.push(await send('PATCH', `/api/items/${item}`, { title: `E${w}-${i}`, version: current.json().version }));
          }
        }
      };
      await Promise.all((Object.keys(WORKERS) as Op[]).flatMap((op) => Array.from({ length: WORKERS[op] }, (_, w) => worker(op, w))));
      for (const op of Object.keys(WORKERS) as Op[]) {
        const r = results[op];
        const ms = r.map((x) => x.ms);
        const errors = r.filter((x) => x.status >= 500).length;
        mixed.rows.push([
          dialect,
          op,
          fmt.int(r.length),
          fmt.int(r.length / ctx.seconds),
          fmt.ms(percentile(ms, 50)),
          fmt.ms(percentile(ms, 99)),
          fmt.int(r.filter((x) => x.status === 409).length),
          fmt.int(errors),
          fmt.verdict(errors === 0),
        ]);
      }

      ctx.log(`[${dialect}] ${SAME_SPOT_MOVES} same-spot moves`);
      const movers = keys.slice(SEED_ITEMS);
      const answers = await Promise.all(movers.map((k) => send('POST', `/api/items/${k}/move`, { after: keys[0] })));
      const ok = answers.filter((a) => a.status === 200).length;
      spot.rows.push([
        dialect,
        ok,
        answers.filter((a) => a.status === 409).length,
        answers.filter((a) => a.status >= 500).length,
        fmt.ms(Math.max(...answers.map((a) => a.ms))),
        fmt.verdict(ok === SAME_SPOT_MOVES),
      ]);
    } finally {
      await server.close();
      await db.drop();
    }
  }
  return {
    tables: [mixed, spot],
    notes: [
      'Run: `npm run bench -- --only contention [--dialects postgres] [--seconds 5]`. Edits answer 409 when another editor changed the item since it was read; that is the contract, not contention.',
    ],
  };
}
