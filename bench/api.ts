import { fixture, type Fixture } from './lib/fixture.js';
import { Random } from '../src/domain/random.js';
import { SequentialClient, load, type LoadResult } from './lib/load.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const CONNECTIONS = 32;
const SEARCHES = [
  'refund',
  'export invoices',
  'payouts csv',
  'sync ledgers',
  'approve disputes',
  'audit',
  'merge customers bulk',
  'taxes region',
];

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  next?: () => { path?: string; body?: unknown };
}

/**
 * The API's everyday calls against a 100,000-item product at concurrency 32: a backlog page, a
 * move, a search, the board and a create; plus the server's peak memory.
 */
export async function apiBench(ctx: BenchContext): Promise<SectionResult> {
  const table: Table = {
    columns: ['dialect', 'operation', 'req/s', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'mean KB', 'failed'],
    rows: [],
  };
  const notes: string[] = [];
  const memory: Table = {
    title: 'Server memory',
    columns: ['dialect', 'generate 100k items (s)', 'RSS idle after start (MB)', 'peak RSS (VmHWM, MB)'],
    rows: [],
  };

  for (const dialect of ctx.dialects) {
    const f = await fixture(dialect, { items: ctx.items, log: ctx.log });
    const idleRss = f.server.rssMb();
    for (const e of endpoints(f)) {
      const available = await probe(f, e);
      if (available !== true) {
        table.rows.push([dialect, e.name, '–', '–', '–', '–', '–', available]);
        continue;
      }
      ctx.log(`[${dialect}] ${e.name}`);
      await run(f, e, 4, 1); // warm-up: JIT, caches, connection pool
      const cpuBefore = f.server.cpuSeconds();
      const r = await run(f, e, CONNECTIONS, ctx.seconds);
      const cpuMs = ((f.server.cpuSeconds() - cpuBefore) * 1000) / r.requests;
      table.rows.push([
        dialect,
        e.name,
        fmt.int(r.perSecond),
        fmt.ms(r.p50),
        fmt.ms(r.p99),
        fmt.ms(cpuMs),
        fmt.kb(r.meanBytes),
        failures(r),
      ]);
    }
    memory.rows.push([dialect, f.generateSeconds.toFixed(1), fmt.int(idleRss), fmt.int(f.server.peakRssMb())]);
  }
  notes.push(
    `Concurrency ${CONNECTIONS}, ${ctx.seconds} s per operation after a 1 s warm-up, autocannon on 127.0.0.1; latencies are per response, from request to last byte.`,
    "Server CPU ms/req is the ordo serve process's own CPU time (user + system, from /proc) divided by the requests served: it does not move with other load on the machine, so it is the figure to compare between runs. On PostgreSQL the database's own CPU is not in it.",
    'Moves alternate "before" and "after" a random item of the 100,000; searches cycle through a few two-word queries; creates add to the bottom of the backlog (so the product grows during the run).',
  );
  return { tables: [table, memory], notes };
}

function endpoints(f: Fixture): Endpoint[] {
  const rnd = Random.fromState(7);
  const key = f.big.key;
  const randomKey = () => `${key}-${1 + rnd.int(f.big.itemCount)}`;
  let turn = 0;
  let search = 0;
  let created = 0;
  return [
    { name: 'backlog, first page (100)', method: 'GET', path: `/api/products/${key}/items?limit=100` },
    {
      name: 'move (before/after random item)',
      method: 'POST',
      path: `/api/items/${key}-1/move`,
      body: { position: 'top' },
      next: () => {
        const moving = randomKey();
        let anchor = randomKey();
        while (anchor === moving) anchor = randomKey();
        return { path: `/api/items/${moving}/move`, body: turn++ % 2 === 0 ? { before: anchor } : { after: anchor } };
      },
    },
    {
      name: 'full-text search (100)',
      method: 'GET',
      path: `/api/products/${key}/items?limit=100&q=${encodeURIComponent(SEARCHES[0]!)}`,
      next: () => ({ path: `/api/products/${key}/items?limit=100&q=${encodeURIComponent(SEARCHES[search++ % SEARCHES.length]!)}` }),
    },
    { name: 'board', method: 'GET', path: `/api/products/${key}/board` },
    {
      name: 'create item',
      method: 'POST',
      path: `/api/products/${key}/items`,
      body: { title: 'Bench item' },
      next: () => ({ body: { title: `Bench item ${++created}`, labels: ['bench'] } }),
    },
  ];
}

function run(f: Fixture, e: Endpoint, connections: number, seconds: number): Promise<LoadResult> {
  return load({ url: f.server.url, path: e.path, method: e.method, headers: f.auth, body: e.body, next: e.next, connections, seconds });
}

/** true when the endpoint answers; otherwise why not (an endpoint not built yet, an error). */
async function probe(f: Fixture, e: Endpoint): Promise<true | string> {
  const client = new SequentialClient(f.server.url, f.auth);
  try {
    const shaped = e.next?.() ?? {};
    const res = await client.request(e.method, shaped.path ?? e.path, shaped.body ?? e.body);
    if (res.status < 300) return true;
    if (res.status === 404 && res.text.includes('No route')) return 'not built yet';
    return `HTTP ${res.status}: ${res.text.slice(0, 120)}`;
  } finally {
    client.close();
  }
}

function failures(r: LoadResult): string {
  if (r.failures === 0) return '0';
  const bad = Object.entries(r.statuses).filter(([s]) => !/^2\d\d$|^304$/.test(s));
  return `${r.failures} (${bad.map(([s, n]) => `${n}×${s}`).join(', ') || 'connection errors'})`;
}
