import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Dialect } from '../src/db/dialect.js';
import { closeFixtures } from './lib/fixture.js';
import { machine, tableToMarkdown, tableToText, writeSections, type BenchContext, type BenchSection } from './lib/report.js';

/**
 * `npm run bench`: runs each known section that exists, prints its tables and rewrites its block
 * in docs/benchmarks.md. A section is `bench/<file>` exporting the named function.
 */
const SECTIONS: Array<{ name: string; title: string; file: string; fn: string }> = [
  { name: 'api', title: 'API under load (100,000-item product)', file: 'api.ts', fn: 'apiBench' },
  { name: 'kanban', title: 'Kanban peers: one board of 2,000 cards in one column', file: 'kanban.ts', fn: 'kanbanBench' },
  { name: 'ui', title: 'Web app', file: 'ui.ts', fn: 'uiBench' },
  { name: 'ui-board', title: 'Web app: a 2,000-card board', file: 'ui-board.ts', fn: 'boardUiBench' },
  { name: 'delivery', title: 'Forecasts and flow', file: 'delivery.ts', fn: 'deliveryBench' },
  { name: 'calibration', title: 'Calibration on real histories', file: 'calibration.ts', fn: 'calibrationBench' },
  { name: 'team', title: 'Questions, requests and notifications', file: 'team.ts', fn: 'teamBench' },
  { name: 'contention', title: 'Writers of one product at once', file: 'contention.ts', fn: 'contentionBench' },
  { name: 'scale', title: 'Scale: three processes behind HAProxy', file: 'scale.ts', fn: 'scaleBench' },
  { name: 'reporting', title: 'Reporting up: drafting a status update and the portfolio', file: 'reporting.ts', fn: 'reportingBench' },
  { name: 'exports', title: 'Exports and the Ordo import', file: 'exports.ts', fn: 'exportsBench' },
  { name: 'imports', title: 'Imports: a large Jira export', file: 'imports.ts', fn: 'importsBench' },
  { name: 'attachments', title: 'Attachments', file: 'attachments.ts', fn: 'attachmentsBench' },
];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    items: { type: 'string', default: '100000' },
    seconds: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
const ctx: BenchContext = {
  dialects: values.dialects
    .split(',')
    .map((d) => d.trim())
    .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres'),
  items: Number(values.items),
  seconds: Number(values.seconds ?? 5),
  ...(values.seconds !== undefined ? { secondsGiven: true } : {}),
  log: (m) => console.log(`  ${m}`),
};

// A failure inside a load generator's callback, or Ctrl-C, must still stop the servers and drop the databases.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void closeFixtures().finally(() => process.exit(130)));
process.once('uncaughtException', (err) => {
  console.error(err);
  void closeFixtures().finally(() => process.exit(1));
});

const here = import.meta.dirname;
const done: Array<{ name: string; title: string; body: string }> = [];
const started = performance.now();
try {
  for (const s of SECTIONS) {
    if (only && !only.includes(s.name)) continue;
    const file = path.join(here, s.file);
    if (!fs.existsSync(file)) {
      if (only) console.log(`\n${s.title}: bench/${s.file} does not exist yet`);
      continue;
    }
    console.log(`\n== ${s.title}`);
    const mod = (await import(file)) as Record<string, BenchSection>;
    const section = mod[s.fn];
    if (typeof section !== 'function') throw new Error(`bench/${s.file} must export ${s.fn}(ctx)`);
    const t0 = performance.now();
    const loadBefore = os.loadavg()[0]!;
    const result = await section(ctx);
    const secs = (performance.now() - t0) / 1000;
    for (const t of result.tables) console.log(`\n${tableToText(t)}`);
    for (const n of result.notes) console.log(`\n- ${n}`);
    const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; ${ctx.dialects.join(' and ')}; section took ${secs.toFixed(0)} s; load average ${loadBefore.toFixed(1)} before it (above ~0.5, other work shared the cores).`;
    const body = [stamp, ...result.tables.map(tableToMarkdown), ...result.notes.map((n) => `- ${n}`)].join('\n\n');
    done.push({ name: s.name, title: s.title, body });
    // Written as each section ends, so a later section that fails loses nothing measured before it.
    if (!values['no-write'])
      writeSections(
        [done.at(-1)!],
        SECTIONS.map((x) => x.name),
      );
  }
} finally {
  await closeFixtures();
}
if (!values['no-write'] && done.length > 0) {
  console.log(`\nWrote docs/benchmarks.md (${done.map((d) => d.name).join(', ')})`);
}
console.log(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
