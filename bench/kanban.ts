import { fixture, type Fixture } from './lib/fixture.js';
import { Random } from '../src/domain/random.js';
import { SequentialClient, load, median } from './lib/load.js';
import { measureFloor } from './lib/floor.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const CARDS = 2_000;
const MOVES = 50;
const WARM_UP_CREATES = 500;

/**
 * Ordo's targets, from DESIGN.md "Performance targets"; PostgreSQL's for creates and moves are
 * issue 14's, where each write also waits for a WAL flush and crosses a socket per statement.
 */
const TARGETS = {
  createsPerSecond: { sqlite: 1_500, postgres: 600 },
  boardMs: 5,
  boardAfterWriteMs: 5,
  boardKb: 400,
  moveMs: { sqlite: 2, postgres: 3 },
  concurrentPerSecond: 800,
  concurrentP99Ms: 50,
};

/**
 * The operations Planka and Kanboard were measured on, through Ordo's API, on a fresh product
 * whose board has 2,000 cards in one column (in the same database as the 100,000-item product).
 */
export async function kanbanBench(ctx: BenchContext): Promise<SectionResult> {
  const table: Table = {
    columns: ['operation', 'Planka', 'Kanboard', 'target', ...ctx.dialects.flatMap((d) => [d, `${d} verdict`])],
    rows: [],
  };
  const notes: string[] = [];
  const perDialect: Array<Record<string, { value: string; ok: boolean | null }>> = [];
  for (const dialect of ctx.dialects) {
    const f = await fixture(dialect, { items: ctx.items, log: ctx.log });
    perDialect.push(await measure(f, ctx, notes));
  }
  const row = (op: string, planka: string, kanboard: string, target: string) =>
    table.rows.push([op, planka, kanboard, target, ...perDialect.flatMap((m) => [m[op]?.value ?? '–', fmt.verdict(m[op]?.ok ?? null)])]);
  row('2,000 sequential creates', '18–23/s, slowing', '110–147/s', '≥1,500/s SQLite, ≥600/s PostgreSQL, flat');
  row('creates: first 500 → last 500', '', '', 'flat');
  row("the server's first 500 creates (warm-up)", '', '', '');
  row('board GET (2,000 cards)', '129–161 ms, 915 KB', '32–54 ms, 2.0 MB', '≤5 ms, ≤400 KB');
  row('board GET, unchanged (If-None-Match)', '', '', '');
  row('board GET right after a write', '', '42–43 ms', '≤5 ms');
  row('move within the column', '68–85 ms', '34–39 ms', '≤2 ms SQLite, ≤3 ms PostgreSQL, one row written');
  row('move to another column', '20–23 ms', '36–39 ms', '≤2 ms SQLite, ≤3 ms PostgreSQL');
  row('board GET at concurrency 10', '7 req/s', '72–83 req/s', '≥800 req/s, p99 ≤50 ms');
  row('machine floor: one request with one read', '', '', '');
  row('machine floor: one row committed alone', '', '', '');
  notes.unshift(
    'Sequential figures are one client on one kept-alive connection, timed from request to last byte; medians of 50 board loads and of 50 moves of each kind, after 50 moves not measured (the first moves a server makes time V8 compiling the move path); the 2,000 creates likewise come after 500 creates into another product, whose rate is the warm-up row. Moves within the column go before or after a random card of the column; moves across go to the top of, or after a random card in, "In progress".',
    'The machine floor is measured before the creates, on the same database, after 2,000 requests to warm the server up: the median of 200 GET /api/health (one request through the server with one read), and of 200 one-row INSERTs each committed alone from the bench process. A sequential create or move is at least one of each, so on PostgreSQL, where every commit waits for the WAL to reach the disk, a machine whose commit floor is 1 ms cannot reach 600 creates a second (1.67 ms each) with the eight round trips a create makes.',
    '"Board GET right after a write": 50 times, a card is moved (or, every fifth time, edited) and the board read at once, so its cache is one event behind: what every realtime client pays after each change. The median of the reads, with the server CPU of the reads alone (the process\'s CPU clock ticks 100 times a second, so it is summed over the 50 reads and divided).',
  );
  return { tables: [table], notes };
}

async function measure(f: Fixture, ctx: BenchContext, notes: string[]) {
  const out: Record<string, { value: string; ok: boolean | null }> = {};
  const client = new SequentialClient(f.server.url, f.auth);
  const rnd = Random.fromState(2_000);
  const key = `KAN${f.dialect === 'sqlite' ? 'S' : 'P'}`;
  try {
    await client.expect(201, 'POST', '/api/products', { key, name: 'Kanban peers' });
    const product = JSON.parse((await client.expect(200, 'GET', `/api/products/${key}`)).text) as {
      states: Array<{ id: number; name: string }>;
    };
    const column = product.states.find((s) => s.name === 'To do')!.id;
    const other = product.states.find((s) => s.name === 'In progress')!.id;

    ctx.log(`[${f.dialect}] machine floor: a request, a commit`);
    const floor = await measureFloor(f, client);
    out['machine floor: one request with one read'] = { value: `${fmt.ms(floor.requestMs)} ms`, ok: null };
    out['machine floor: one row committed alone'] = { value: `${fmt.ms(floor.commitMs)} ms`, ok: null };

    // As with moves below: a server that has just started spends its first creates compiling the
    // create path (the first 500 ran at 60% of the rate of the last 500 on a fresh server). A
    // server in use has long done that, so 500 creates into a product of their own go first, and
    // their rate is reported beside the measured ones.
    ctx.log(`[${f.dialect}] ${WARM_UP_CREATES} creates to warm up, then ${CARDS} sequential creates`);
    await client.expect(201, 'POST', '/api/products', { key: `${key}W`, name: 'Kanban warm-up' });
    const warmUp0 = performance.now();
    for (let i = 0; i < WARM_UP_CREATES; i++)
      await client.expect(201, 'POST', `/api/products/${key}W/items`, { title: `Warm-up ${i + 1}` });
    const warmUpRate = WARM_UP_CREATES / ((performance.now() - warmUp0) / 1000);
    out["the server's first 500 creates (warm-up)"] = { value: `${fmt.int(warmUpRate)}/s`, ok: null };

    const times: number[] = [];
    const keys: string[] = [];
    const cpu0 = f.server.cpuSeconds();
    const t0 = performance.now();
    for (let i = 0; i < CARDS; i++) {
      const res = await client.expect(201, 'POST', `/api/products/${key}/items`, { title: `Card ${i + 1}`, stateId: column });
      times.push(res.ms);
      keys.push((JSON.parse(res.text) as { key: string }).key);
    }
    const rate = CARDS / ((performance.now() - t0) / 1000);
    const createCpuMs = ((f.server.cpuSeconds() - cpu0) * 1000) / CARDS;
    const rateOf = (ms: number[]) => ms.length / (ms.reduce((a, b) => a + b, 0) / 1000);
    const first = rateOf(times.slice(0, 500));
    const last = rateOf(times.slice(-500));
    out['2,000 sequential creates'] = {
      value: `${fmt.int(rate)}/s (server CPU ${fmt.ms(createCpuMs)} ms each)`,
      ok: rate >= TARGETS.createsPerSecond[f.dialect],
    };
    // "Flat": the last 500 run at least 80% as fast as the first 500.
    out['creates: first 500 → last 500'] = { value: `${fmt.int(first)}/s → ${fmt.int(last)}/s`, ok: last >= 0.8 * first };

    const boardPath = `/api/products/${key}/board`;
    const boardProbe = await client.request('GET', boardPath);
    if (boardProbe.status !== 200) {
      notes.push(`[${f.dialect}] board: HTTP ${boardProbe.status} ${boardProbe.text.slice(0, 120)} — board figures not measured.`);
    } else {
      const loads = [];
      const cpuLoads = f.server.cpuSeconds();
      for (let i = 0; i < 50; i++) loads.push(await client.expect(200, 'GET', boardPath));
      const loadCpuMs = ((f.server.cpuSeconds() - cpuLoads) * 1000) / loads.length;
      const ms = median(loads.map((l) => l.ms));
      const kb = loads[0]!.bytes / 1024;
      out['board GET (2,000 cards)'] = {
        value: `${fmt.ms(ms)} ms (CPU ${fmt.ms(loadCpuMs)} ms), ${fmt.int(kb)} KB`,
        ok: ms <= TARGETS.boardMs && kb <= TARGETS.boardKb,
      };
      const etag = loads[0]!.headers.etag;
      if (typeof etag === 'string') {
        const cached = [];
        for (let i = 0; i < 5; i++) cached.push(await client.request('GET', boardPath, undefined, { 'if-none-match': etag }));
        const statuses = [...new Set(cached.map((c) => c.status))].join('/');
        out['board GET, unchanged (If-None-Match)'] = { value: `${fmt.ms(median(cached.map((c) => c.ms)))} ms (${statuses})`, ok: null };
      } else {
        out['board GET, unchanged (If-None-Match)'] = { value: 'no ETag', ok: null };
      }
    }

    ctx.log(`[${f.dialect}] ${MOVES} moves within the column, ${MOVES} across`);
    // The server has made thousands of creates but no move yet: the first moves would time V8
    // compiling the move path, not the move. A server in use has long done that.
    for (let i = 0; i < MOVES; i++) {
      const [moving, anchor] = [keys[(i * 37) % keys.length]!, keys[(i * 53 + 1) % keys.length]!];
      if (moving !== anchor) await client.expect(200, 'POST', `/api/items/${moving}/move`, { after: anchor });
    }
    const before = await snapshot(f, key);
    const cpuMoves = f.server.cpuSeconds();
    const within: number[] = [];
    const movedWithin = new Set<string>();
    for (let i = 0; i < MOVES; i++) {
      const moving = rnd.pick(keys);
      let anchor = rnd.pick(keys);
      while (anchor === moving) anchor = rnd.pick(keys);
      const res = await client.expect(200, 'POST', `/api/items/${moving}/move`, i % 2 === 0 ? { before: anchor } : { after: anchor });
      within.push(res.ms);
      movedWithin.add(moving);
    }
    const withinCpuMs = ((f.server.cpuSeconds() - cpuMoves) * 1000) / MOVES;
    const afterWithin = await snapshot(f, key);
    const changed = [...afterWithin].filter(([k, v]) => before.get(k) !== v).length;
    const withinMs = median(within);
    out['move within the column'] = {
      value: `${fmt.ms(withinMs)} ms (CPU ${fmt.ms(withinCpuMs)} ms), ${changed} rows changed for ${movedWithin.size} cards moved`,
      ok: withinMs <= TARGETS.moveMs[f.dialect] && changed <= movedWithin.size,
    };

    const cpuAcross = f.server.cpuSeconds();
    const across: number[] = [];
    const remaining = keys.filter((k) => !movedWithin.has(k));
    const inOther: string[] = [];
    for (let i = 0; i < MOVES; i++) {
      const moving = remaining[i * 7]!;
      const body = inOther.length === 0 ? { stateId: other, position: 'top' } : { stateId: other, after: rnd.pick(inOther) };
      const res = await client.expect(200, 'POST', `/api/items/${moving}/move`, body);
      across.push(res.ms);
      inOther.push(moving);
    }
    const acrossMs = median(across);
    const acrossCpuMs = ((f.server.cpuSeconds() - cpuAcross) * 1000) / MOVES;
    out['move to another column'] = {
      value: `${fmt.ms(acrossMs)} ms (CPU ${fmt.ms(acrossCpuMs)} ms)`,
      ok: acrossMs <= TARGETS.moveMs[f.dialect],
    };

    if (boardProbe.status === 200) {
      ctx.log(`[${f.dialect}] ${MOVES} board GETs, each right after a write`);
      const afterWrite: number[] = [];
      let readCpu = 0;
      let bytes = 0;
      for (let i = 0; i < MOVES; i++) {
        const moving = rnd.pick(keys);
        if (i % 5 === 4) {
          const item = JSON.parse((await client.expect(200, 'GET', `/api/items/${moving}`)).text) as { version: number };
          await client.expect(200, 'PATCH', `/api/items/${moving}`, { title: `Card edited ${i}`, version: item.version });
        } else {
          let anchor = rnd.pick(keys);
          while (anchor === moving) anchor = rnd.pick(keys);
          await client.expect(200, 'POST', `/api/items/${moving}/move`, i % 2 === 0 ? { before: anchor } : { after: anchor });
        }
        const c0 = f.server.cpuSeconds();
        const res = await client.expect(200, 'GET', boardPath);
        readCpu += f.server.cpuSeconds() - c0;
        afterWrite.push(res.ms);
        bytes = res.bytes;
      }
      const ms = median(afterWrite);
      out['board GET right after a write'] = {
        value: `${fmt.ms(ms)} ms (CPU ${fmt.ms((readCpu * 1000) / MOVES)} ms), ${fmt.int(bytes / 1024)} KB`,
        ok: ms <= TARGETS.boardAfterWriteMs,
      };
    }

    if (boardProbe.status === 200) {
      ctx.log(`[${f.dialect}] board at concurrency 10`);
      await load({ url: f.server.url, path: boardPath, headers: f.auth, connections: 2, seconds: 1 });
      const cpuBoard = f.server.cpuSeconds();
      const r = await load({ url: f.server.url, path: boardPath, headers: f.auth, connections: 10, seconds: ctx.seconds });
      const boardCpuMs = ((f.server.cpuSeconds() - cpuBoard) * 1000) / r.requests;
      out['board GET at concurrency 10'] = {
        value: `${fmt.int(r.perSecond)} req/s, p99 ${fmt.ms(r.p99)} ms (CPU ${fmt.ms(boardCpuMs)} ms/req)${r.failures ? `, ${r.failures} failed` : ''}`,
        ok: r.perSecond >= TARGETS.concurrentPerSecond && r.p99 <= TARGETS.concurrentP99Ms && r.failures === 0,
      };
    }
  } finally {
    client.close();
  }
  return out;
}

/** rank and version of every item of the product, to count the rows a batch of moves changed. */
async function snapshot(f: Fixture, productKey: string): Promise<Map<string, string>> {
  const rows = await f.handle.db
    .selectFrom('items')
    .innerJoin('products', 'products.id', 'items.product_id')
    .select(['items.key', 'items.rank', 'items.version', 'items.state_id'])
    .where('products.key', '=', productKey)
    .execute();
  return new Map(rows.map((r) => [r.key, `${r.rank}|${r.version}|${r.state_id}`]));
}
