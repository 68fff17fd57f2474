/**
 * Sequential creates only, the kanban section's first step on its own, for profiling the create
 * path (issue 14) without the rest of the bench:
 *
 *   node --import tsx bench/creates.ts [--dialect sqlite|postgres] [--count 2000] [--rounds 2] [--moves 0] [--items 200] [--profile DIR]
 *
 * One `ordo serve` on a fresh database with a small generated product; each round creates
 * `count` cards in one column over one kept-alive connection and prints creates/s with the
 * server's CPU per create (the figure that compares on a busy machine); then, with --moves N, N
 * moves within that column (median wall and server CPU per move). With --profile the server
 * runs under `node --cpu-prof` and writes its profile into DIR when it stops.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freshDatabase } from '../test/support/database.js';
import { generateProduct } from './lib/generate.js';
import { startOrdo } from '../test/support/ordo-process.js';
import { SequentialClient, median } from './lib/load.js';
import type { Dialect } from '../src/db/dialect.js';
import { PG_ADMIN_URL } from './lib/fixture.js';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    count: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'string' },
    moves: { type: 'string', default: '0' },
    items: { type: 'string', default: '200' },
  },
});
/** A process's user and system CPU seconds so far (Linux clock ticks are 1/100 s). */
function userAndSystem(pid: number): [number, number] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [Number(fields[11]) / 100, Number(fields[12]) / 100];
}

const dialect = values.dialect as Dialect;
const count = Number(values.count);

const db = await freshDatabase(dialect, { prefix: 'ordo_bench', adminUrl: PG_ADMIN_URL });
try {
  const big = await generateProduct(db.handle, { key: 'BIG', items: Number(values.items) });
  const server = await startOrdo({
    ...(dialect === 'sqlite' ? { dataDir: db.url } : { databaseUrl: db.url }),
    ...(values.profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] } : {}),
  });
  try {
    const client = new SequentialClient(server.url, { authorization: `Bearer ${big.token}` });
    await client.expect(201, 'POST', '/api/products', { key: 'CRE', name: 'Creates' });
    const product = JSON.parse((await client.expect(200, 'GET', '/api/products/CRE')).text) as {
      states: Array<{ id: number; name: string }>;
    };
    const column = product.states.find((s) => s.name === 'To do')!.id;
    const keys: string[] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      const cpu0 = server.cpuSeconds();
      const split0 = userAndSystem(server.pid);
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        const res = await client.expect(201, 'POST', '/api/products/CRE/items', { title: `Card ${round}.${i + 1}`, stateId: column });
        keys.push((JSON.parse(res.text) as { key: string }).key);
      }
      const seconds = (performance.now() - t0) / 1000;
      const cpuMs = ((server.cpuSeconds() - cpu0) * 1000) / count;
      const split = userAndSystem(server.pid).map((v, i) => ((v - split0[i]!) * 1000) / count);
      console.log(
        `[${dialect}] round ${round}: ${count} creates, ${(count / seconds).toFixed(0)}/s, server CPU ${cpuMs.toFixed(3)} ms each (user ${split[0]!.toFixed(3)}, system ${split[1]!.toFixed(3)})`,
      );
    }
    // Moves within the column, before or after a random card, as the kanban section makes them.
    const moves = Number(values.moves);
    if (moves > 0) {
      const cpu0 = server.cpuSeconds();
      const times: number[] = [];
      for (let i = 0; i < moves; i++) {
        const moving = keys[(i * 7919) % keys.length]!;
        const anchor = keys[(i * 104729 + 13) % keys.length]!;
        if (anchor === moving) continue;
        const res = await client.expect(200, 'POST', `/api/items/${moving}/move`, i % 2 === 0 ? { before: anchor } : { after: anchor });
        times.push(res.ms);
      }
      const cpuMs = ((server.cpuSeconds() - cpu0) * 1000) / times.length;
      console.log(`[${dialect}] ${times.length} moves: median ${median(times).toFixed(2)} ms, server CPU ${cpuMs.toFixed(3)} ms each`);
    }
  } finally {
    await server.close();
  }
} finally {
  await db.drop();
}
