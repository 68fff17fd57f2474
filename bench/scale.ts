import path from 'node:path';
import os from 'node:os';
import { sql } from 'kysely';
import { freshDatabase } from '../test/support/database.js';
import { haveHaproxy, startHaproxy, type Haproxy } from '../test/support/haproxy.js';
import { startOrdo, type OrdoProcess } from '../test/support/ordo-process.js';
import { LocalEventBus } from '../src/realtime/bus.js';
import { systemClock, type ServiceContext } from '../src/services/context.js';
import { createApiToken } from '../src/services/users.js';
import { seedUser } from '../src/cli/seed/people.js';
import { seedProduct } from '../src/cli/seed/product.js';
import { PG_ADMIN_URL } from './lib/fixture.js';
import { generateProduct } from './lib/generate.js';
import { percentile, SequentialClient } from './lib/load.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';
import { cpuSnapshot, coresUsed } from './lib/machine-cpu.js';
import { ReaderSwarm } from './lib/sse-swarm.js';

const PROCESSES = 3;
const STREAMS = 1_000;
/** changes timed one at a time, each waited for at every reader */
const TIMED_CHANGES = 30;
/**
 * Processes the readers are spread over (BENCH_SSE_PROCESSES; 0 keeps them in the bench's own
 * process, as the bench did until 2026-11-29, which added that process's queue to the latency).
 */
const READER_PROCESSES = Number(process.env.BENCH_SSE_PROCESSES ?? 4);
const DELIVERY_P95_TARGET_MS = 250;
const USERS = 200;
const MIX_PRODUCTS = 4;
const MIX_ITEMS = 2_000;
/**
 * A person's pause between two actions: uniform 1–3 s, so 200 people offer about 100 requests a
 * second. At the 8.7 ms of server CPU a request measured here, 250–750 ms pauses (about 400 a
 * second) would ask for 3.5 cores of a two-core machine before PostgreSQL's share.
 */
const THINK_MS = [1_000, 3_000] as const;
const READ_P99_TARGET_MS = 100;
const WRITE_P99_TARGET_MS = 250;
const METRICS_TOKEN = 'bench';

/**
 * Ordo at scale on PostgreSQL: three `ordo serve` processes behind HAProxy (the configuration is
 * test/support/haproxy.ts). 1,000 event streams across them; changes made through each process in
 * turn, timed to every reader; one process restarted while changes continue, after which every
 * reader must have every event once. Then 200 simulated people reading and changing a few
 * products for `--seconds`.
 */
export async function scaleBench(
  ctx: BenchContext = { dialects: ['postgres'], items: 0, seconds: 30, log: console.log },
): Promise<SectionResult> {
  if (!ctx.dialects.includes('postgres'))
    return { tables: [], notes: ['Skipped: the scale bench runs on PostgreSQL only (several processes share one database).'] };
  if (!haveHaproxy()) return { tables: [], notes: ['Skipped: HAProxy is not installed (apt-get install haproxy).'] };

  const db = await freshDatabase('postgres', { prefix: 'ordo_bench_scale', adminUrl: PG_ADMIN_URL });
  const servers: OrdoProcess[] = [];
  let proxy: Haproxy | null = null;
  let readers: ReaderSwarm | null = null;
  try {
    const service: ServiceContext = { db: db.handle.db, dialect: 'postgres', clock: systemClock, bus: new LocalEventBus() };
    const { actor } = await seedUser(service, {
      name: 'Scale Owner',
      email: 'scale@example.com',
      password: 'bench password 1',
      isAdmin: true,
    });
    const auth = { authorization: `Bearer ${(await createApiToken(service, actor, 'scale')).token}` };
    await seedProduct(service, actor, { key: 'LIVE', name: 'Live' });
    ctx.log(`generating ${MIX_PRODUCTS} products of ${MIX_ITEMS.toLocaleString('en')} items for the mixed load`);
    const mix = [];
    for (let i = 0; i < MIX_PRODUCTS; i++) mix.push(await generateProduct(db.handle, { key: `MIX${i}`, items: MIX_ITEMS, seed: 42 + i }));
    // What autovacuum would have done by now, as the other sections do. Without statistics the
    // backlog's query sorted every item of the product (19.7 ms a call, measured with
    // pg_stat_statements; 0.3 ms after): PostgreSQL spent 0.75 cores of two on this run until 2026-11-29.
    await sql`VACUUM ANALYZE`.execute(db.handle.db);

    ctx.log(`starting ${PROCESSES} ordo serve processes and HAProxy`);
    servers.push(
      ...(await Promise.all(
        Array.from({ length: PROCESSES }, () =>
          startOrdo({
            databaseUrl: db.url,
            env: { METRICS_TOKEN },
            // BENCH_CPU_PROF=DIR: each server writes a V8 CPU profile into DIR when it stops
            ...(process.env.BENCH_CPU_PROF
              ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] }
              : {}),
          }),
        ),
      )),
    );
    proxy = await startHaproxy(
      servers.map((s) => s.port),
      { maxconn: 4_000 },
    );
    const lastEvent = async () =>
      (await db.handle.db.selectFrom('products').select('last_event').where('key', '=', 'LIVE').executeTakeFirstOrThrow()).last_event;
    const rssBefore = servers.map((s) => s.rssMb());

    ctx.log(`opening ${STREAMS} event streams through HAProxy`);
    const base = await lastEvent();
    readers = await ReaderSwarm.open(`${proxy.url}/api/products/LIVE/events`, auth, STREAMS, base, READER_PROCESSES);
    const perProcess = await Promise.all(servers.map(streamsOn));
    await new Promise((r) => setTimeout(r, 1_000));
    const rssAfter = servers.map((s) => s.rssMb());
    const kbPerStream = ((rssAfter.reduce((a, b) => a + b) - rssBefore.reduce((a, b) => a + b)) * 1024) / STREAMS;

    // Timed changes, one at a time, through each process in turn.
    ctx.log(`timing ${TIMED_CHANGES} changes to every reader`);
    const change = (server: OrdoProcess, n: number) =>
      fetch(`${server.url}/api/products/LIVE`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ vision: `Change ${n}` }),
      }).then((r) => r.status);
    const cpu = () => servers.reduce((sum, srv) => sum + srv.cpuSeconds(), 0);
    const now = () => performance.timeOrigin + performance.now();
    await readers.setRecording(true);
    const cpuBeforeTimed = cpu();
    const readersCpuBefore = (await readers.stats()).cpuSeconds;
    const sentAt = new Map<number, number>();
    const answered: number[] = [];
    let expected = base;
    let late = 0;
    for (let i = 0; i < TIMED_CHANGES; i++) {
      expected++;
      sentAt.set(expected, now());
      const status = await change(servers[i % PROCESSES]!, i);
      answered.push(now() - sentAt.get(expected)!);
      if (status !== 200) throw new Error(`a timed change answered ${status}`);
      late += await readers.reached(expected, 10_000);
    }
    // Unlike latency, server CPU per delivered event is not moved by other load on the machine.
    const cpuPerDeliveryUs = ((cpu() - cpuBeforeTimed) * 1e6) / (TIMED_CHANGES * STREAMS);
    await readers.setRecording(false);
    const timed = await readers.stats();
    const readersCpuPerDeliveryUs = ((timed.cpuSeconds - readersCpuBefore) * 1e6) / (TIMED_CHANGES * STREAMS);
    const delays: number[] = [];
    const firsts = new Map<number, number>();
    for (const arrivals of timed.arrivals)
      for (const [id, at] of arrivals)
        if (sentAt.has(id)) {
          delays.push(at - sentAt.get(id)!);
          firsts.set(id, Math.min(firsts.get(id) ?? Infinity, at - sentAt.get(id)!));
        }

    const perChange = [...sentAt.keys()].map((id) => {
      const d: number[] = [];
      for (const arrivals of timed.arrivals) for (const [got, at] of arrivals) if (got === id) d.push(at - sentAt.get(id)!);
      return `${fmt.ms(percentile(d, 50))}/${fmt.ms(Math.max(...d))}`;
    });
    ctx.log(`each change's median/slowest reader, ms: ${perChange.join(' ')}`);

    // A process restarts while changes go on through the others.
    ctx.log('restarting one process while changes continue');
    const reconnectsBefore = timed.reconnects;
    const onRestarted = streamsOn(servers[0]!);
    let writing = true;
    let duringRestart = 0;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        const status = await change(servers[1 + (i % (PROCESSES - 1))]!, 1_000 + i++);
        if (status === 200) duringRestart++;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const movedStreams = await onRestarted;
    await servers[0]!.restart();
    await new Promise((r) => setTimeout(r, 2_500));
    writing = false;
    await writer;
    const final = await lastEvent();
    const behind = await readers.reached(final, 20_000);
    const counted = await readers.stats();
    const { repeats, gaps, refusals } = counted;
    const reconnects = counted.reconnects - reconnectsBefore;
    readers.close();
    readers = null;

    const streams: Table = {
      title: `${STREAMS.toLocaleString('en')} event streams across ${PROCESSES} processes behind HAProxy (PostgreSQL LISTEN/NOTIFY)`,
      columns: ['measure', 'value', 'target', 'verdict'],
      rows: [
        ['streams per process', perProcess.join(' / '), '–', '–'],
        ['memory per stream (RSS growth ÷ streams)', `${kbPerStream.toFixed(1)} KB`, '–', '–'],
        [`delivery latency p50 (${TIMED_CHANGES} changes × ${STREAMS} readers)`, `${fmt.ms(percentile(delays, 50))} ms`, '–', '–'],
        [
          'delivery latency p95',
          `${fmt.ms(percentile(delays, 95))} ms`,
          `< ${DELIVERY_P95_TARGET_MS} ms`,
          fmt.verdict(percentile(delays, 95) < DELIVERY_P95_TARGET_MS),
        ],
        ['delivery latency p99', `${fmt.ms(percentile(delays, 99))} ms`, '–', '–'],
        ['of which the change’s own answer (PATCH), p50', `${fmt.ms(percentile(answered, 50))} ms`, '–', '–'],
        ['first reader of each change, p50', `${fmt.ms(percentile([...firsts.values()], 50))} ms`, '–', '–'],
        ['readers later than 10 s for a timed change', fmt.int(late), '0', fmt.verdict(late === 0)],
        ['server CPU per delivered event (3 processes, with the changes)', `${cpuPerDeliveryUs.toFixed(0)} µs`, '–', '–'],
        [
          `readers’ CPU per delivered event (${READER_PROCESSES || 'the bench’s own'} process${READER_PROCESSES === 1 ? '' : 'es'})`,
          `${readersCpuPerDeliveryUs.toFixed(0)} µs`,
          '–',
          '–',
        ],
        [`restart: streams on the restarted process`, fmt.int(movedStreams), '–', '–'],
        ['restart: changes made while it restarted', fmt.int(duringRestart), '–', '–'],
        ['restart: reconnections (refused meanwhile)', `${fmt.int(reconnects)} (${fmt.int(refusals)})`, '–', '–'],
        ['restart: readers missing events at the end', fmt.int(behind), '0', fmt.verdict(behind === 0)],
        [
          'restart: events skipped / repeated, all readers',
          `${fmt.int(gaps)} / ${fmt.int(repeats)}`,
          '0 / 0',
          fmt.verdict(gaps === 0 && repeats === 0),
        ],
      ],
    };

    // The issue's five minutes unless --seconds says otherwise: `npm run bench`'s 5 s is too short for a p99.
    const seconds = ctx.secondsGiven ? ctx.seconds : 300;
    ctx.log(`${USERS} simulated people for ${seconds} s`);
    const groups = {
      [`Ordo (${PROCESSES} servers)`]: servers.map((s) => s.pid),
      'load generator (the bench)': [process.pid],
    };
    const mixed = await mixedLoad(proxy.url, mix, seconds, db.handle.db, cpu, groups);
    return {
      tables: [streams, mixed.table],
      notes: [
        `Run: \`npm run bench -- --only scale --dialects postgres --seconds 300\` (the issue's 5 minutes; this run: ${seconds} s). Needs PostgreSQL and /usr/sbin/haproxy; the HAProxy configuration is written to a temporary directory from test/support/haproxy.ts.`,
        `Delivery latency: from sending a change (PATCH of the product, to each process in turn, one at a time) to each reader receiving its event through HAProxy; every client and server on one machine. The readers are spread over ${READER_PROCESSES || 'no'} child processes (BENCH_SSE_PROCESSES): until 2026-11-29 one process read all 1,000 streams and handled each event's 1,000 arrivals one after another, which added its own queue to the later readers' times.`,
        `Restart: process 1 gets SIGTERM (its streams are told to reconnect within 0.5–2 s) and starts again while changes continue every 100 ms through the other two; readers reconnect through HAProxy with Last-Event-ID as EventSource does.`,
        `Mixed load: ${USERS} people spread over ${MIX_PRODUCTS} products of ${MIX_ITEMS.toLocaleString('en')} items, each pausing ${THINK_MS[0]}–${THINK_MS[1]} ms between actions; one kept-alive connection each through HAProxy. ${mixed.note}`,
      ],
    };
  } finally {
    readers?.close();
    await proxy?.stop();
    await Promise.all(servers.map((s) => s.close()));
    await db.drop();
  }
}

async function streamsOn(s: OrdoProcess): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(/^ordo_event_streams_open\{kind="product"\} (\d+)$/m.exec(text)?.[1] ?? NaN);
}

type Op = 'backlog' | 'board' | 'item' | 'edit' | 'move' | 'create';
const WEIGHTS: Array<[Op, number]> = [
  ['backlog', 30],
  ['board', 25],
  ['item', 10],
  ['edit', 15],
  ['move', 15],
  ['create', 5],
];
const WRITES = new Set<Op>(['edit', 'move', 'create']);

async function mixedLoad(
  url: string,
  products: Array<{ key: string; token: string }>,
  seconds: number,
  db: ServiceContext['db'],
  /** the servers' CPU seconds so far */
  cpu: () => number,
  /** process ids to name in the machine's CPU account; the rest go by command (postgres, haproxy) */
  groups: Record<string, number[]>,
): Promise<{ table: Table; note: string }> {
  const keys = new Map<string, string[]>();
  for (const p of products) {
    const rows = await db
      .selectFrom('items')
      .innerJoin('products', 'products.id', 'items.product_id')
      .select('items.key')
      .where('products.key', '=', p.key)
      .where('items.type', '!=', 'epic')
      .execute();
    keys.set(
      p.key,
      rows.map((r) => r.key),
    );
  }
  const times = new Map<Op, number[]>(WEIGHTS.map(([op]) => [op, []]));
  const statuses = new Map<Op, Map<number, number>>(WEIGHTS.map(([op]) => [op, new Map()]));
  const total = WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const pick = (): Op => {
    let x = Math.random() * total;
    for (const [op, w] of WEIGHTS) if ((x -= w) < 0) return op;
    return 'backlog';
  };
  const any = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const end = performance.now() + seconds * 1_000;
  let created = 0;
  /** the first 5xx answer's body, to say where it came from (Ordo's JSON or the proxy's page) */
  let first5xx = '';

  const person = async (i: number) => {
    const product = products[i % products.length]!;
    const client = new SequentialClient(url, { authorization: `Bearer ${product.token}` });
    const record = (op: Op, r: { status: number; ms: number; text: string }) => {
      if (r.status >= 500 && !first5xx) first5xx = `${op} ${r.status}: ${r.text.replace(/\s+/g, ' ').slice(0, 200)}`;
      times.get(op)!.push(r.ms);
      const s = statuses.get(op)!;
      s.set(r.status, (s.get(r.status) ?? 0) + 1);
    };
    // Spread the start over one pause, as people do not all click at once.
    await new Promise((r) => setTimeout(r, Math.random() * THINK_MS[1]));
    while (performance.now() < end) {
      const op = pick();
      const key = any(keys.get(product.key)!);
      if (op === 'backlog') record(op, await client.request('GET', `/api/products/${product.key}/items`));
      else if (op === 'board') record(op, await client.request('GET', `/api/products/${product.key}/board`));
      else if (op === 'item') record(op, await client.request('GET', `/api/items/${key}`));
      else if (op === 'edit') {
        // A person opens the item, then changes its title at the version they read.
        const read = await client.request('GET', `/api/items/${key}`);
        record('item', read);
        if (read.status !== 200) continue;
        const { version } = JSON.parse(read.text) as { version: number };
        record(op, await client.request('PATCH', `/api/items/${key}`, { title: `Edited by person ${i} at ${Date.now()}`, version }));
      } else if (op === 'move') {
        record(op, await client.request('POST', `/api/items/${key}/move`, { position: Math.random() < 0.5 ? 'top' : 'bottom' }));
      } else {
        const r = await client.request('POST', `/api/products/${product.key}/items`, {
          title: `Created by person ${i}, number ${++created}`,
        });
        record(op, r);
        if (r.status === 201) keys.get(product.key)!.push((JSON.parse(r.text) as { key: string }).key);
      }
      await new Promise((r) => setTimeout(r, THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0])));
    }
  };
  const started = performance.now();
  const cpuBefore = cpu();
  const machineBefore = cpuSnapshot();
  await Promise.all(Array.from({ length: USERS }, (_, i) => person(i)));
  const cpuSpent = cpu() - cpuBefore;
  const cores = coresUsed(machineBefore, cpuSnapshot(), groups);
  const elapsed = (performance.now() - started) / 1_000;

  const table: Table = {
    title: `${USERS} simulated people through HAProxy to ${PROCESSES} processes, ${seconds} s`,
    columns: ['operation', 'requests', 'per second', 'p50 ms', 'p99 ms', 'target p99', 'verdict', '4xx', '5xx'],
    rows: [],
  };
  let all = 0;
  let fiveXx = 0;
  for (const [op] of WEIGHTS) {
    const t = times.get(op)!;
    const s = [...statuses.get(op)!];
    const four = s.filter(([c]) => c >= 400 && c < 500).reduce((n, [, c]) => n + c, 0);
    const five = s.filter(([c]) => c >= 500).reduce((n, [, c]) => n + c, 0);
    all += t.length;
    fiveXx += five;
    const target = WRITES.has(op) ? WRITE_P99_TARGET_MS : READ_P99_TARGET_MS;
    const p99 = percentile(t, 99);
    table.rows.push([
      op,
      fmt.int(t.length),
      (t.length / elapsed).toFixed(1),
      fmt.ms(percentile(t, 50)),
      fmt.ms(p99),
      `< ${target}`,
      fmt.verdict(p99 < target),
      fmt.int(four),
      fmt.int(five),
    ]);
  }
  table.rows.push(['all', fmt.int(all), (all / elapsed).toFixed(1), '–', '–', '–', '–', '–', fmt.int(fiveXx)]);
  const cpuNote = `The three servers spent ${((cpuSpent * 1000) / all).toFixed(1)} ms of CPU per request (all operations), a figure other load on the machine does not move.`;
  const fourNote = [...statuses].flatMap(([op, s]) => [...s].filter(([c]) => c >= 400).map(([c, n]) => `${op} ${c}×${n}`)).join(', ');
  // A tail is either Ordo's own or the wait for a core: say where the machine's two cores went.
  const coresNote = `Cores in use over the run (of ${os.cpus().length}): ${cores.map(([name, c]) => `${name} ${c.toFixed(2)}`).join(', ')}.`;
  return {
    table,
    note: `${cpuNote} ${coresNote} ${fiveXx === 0 ? 'No 5xx.' : `**${fiveXx} answers were 5xx**; the first: \`${first5xx}\`.`}${fourNote ? ` Refusals: ${fourNote} (409: someone else edited the item first; the person reloads it).` : ''}`,
  };
}
