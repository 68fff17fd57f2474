import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dialect } from '../../src/db/dialect.js';
import { REPO_ROOT } from '../../test/support/ordo-process.js';

export interface Table {
  title?: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** What one bench section reports: tables, and notes that explain misses and method. */
export interface SectionResult {
  tables: Table[];
  notes: string[];
}

/** What every section gets from the runner. */
export interface BenchContext {
  dialects: Dialect[];
  /** items in the generated product */
  items: number;
  /** seconds per load run */
  seconds: number;
  /** whether --seconds was given: a section whose figures need a long run (scale) otherwise takes its own */
  secondsGiven?: boolean;
  log(message: string): void;
}

export type BenchSection = (ctx: BenchContext) => Promise<SectionResult>;

export const fmt = {
  ms: (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '–'),
  int: (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '–'),
  kb: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(0)}` : '–'),
  /** "met" / "missed" against a target, for the tables */
  verdict: (ok: boolean | null) => (ok === null ? '–' : ok ? 'met' : '**missed**'),
};

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Linux ${os.release()}, Node ${process.version}`;
}

export function tableToMarkdown(t: Table): string {
  const lines = [];
  if (t.title) lines.push(`**${t.title}**`, '');
  lines.push(`| ${t.columns.join(' | ')} |`, `|${t.columns.map(() => '---').join('|')}|`);
  for (const r of t.rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

export function tableToText(t: Table): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map((c) => String(c).replace(/\*\*/g, '')))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: Array<string | number>) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ');
  return [...(t.title ? [t.title] : []), line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export const BENCHMARKS_DOC = path.join(REPO_ROOT, 'docs', 'benchmarks.md');

const HEADER = `# Benchmarks

Measured by \`npm run bench\` on the machine named in each section. Every figure comes from a real
\`ordo serve\` process (started from source through tsx, as \`node --import tsx src/cli/main.ts serve\`)
on a fresh database, driven over HTTP on 127.0.0.1 by a client on the same machine, so client and
server share the two cores. Each section below is rewritten when it runs and left alone otherwise.

How to run:

\`\`\`sh
npm run bench                              # every section, SQLite and PostgreSQL (~20 minutes: scale runs 300 s unless --seconds is given)
npm run bench -- --only kanban             # one section (api, kanban, ui, ui-board, delivery, calibration, team, scale, exports, imports)
npm run bench -- --dialects sqlite         # one dialect
npm run bench -- --items 20000 --seconds 2 # a quick check of the bench itself
npm run bench -- --only kanban,api         # issue 14: the board right after a write, creates, moves (server CPU beside each)
GROUP_COMMIT=false npm run bench -- --only api --dialects postgres  # PostgreSQL writes committed one by one, to compare
\`\`\`

PostgreSQL is reached at \`BENCH_PG_URL\` (default \`postgres://postgres@127.0.0.1:5432/postgres\`);
the bench creates a database there and drops it afterwards.

Adding a section: write \`bench/<name>.ts\` exporting \`<name>Bench(ctx: BenchContext): Promise<SectionResult>\`
and list it in \`SECTIONS\` in \`bench/run.ts\`; \`bench/lib/fixture.ts\` gives each dialect's generated
100,000-item product and running server. A section that needs data of its own writes it with the
seeding library (\`src/cli/seed\`: \`writeItemsInBulk\` for bulk rows) and starts its own server with
\`startOrdo\` (\`test/support/ordo-process.ts\`).
`;

/** Where hand-written analysis starts; the runner keeps everything from here on as it is. */
const FINDINGS = '<!-- findings -->';

/** Rewrites the blocks of the sections that ran, keeping every other section's last results and the findings. */
export function writeSections(results: Array<{ name: string; title: string; body: string }>, order: string[]): void {
  let doc = fs.existsSync(BENCHMARKS_DOC) ? fs.readFileSync(BENCHMARKS_DOC, 'utf8') : '';
  const blocks = new Map<string, string>();
  for (const m of doc.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) blocks.set(m[1]!, m[2]!);
  for (const r of results) blocks.set(r.name, `## ${r.title}\n\n${r.body.trim()}\n`);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const sorted = [...blocks].sort(([a], [b]) => rank(a) - rank(b));
  const findings = doc.includes(FINDINGS) ? `\n${doc.slice(doc.indexOf(FINDINGS))}` : '';
  doc = HEADER + sorted.map(([name, body]) => `\n<!-- bench:${name} -->\n${body}<!-- /bench:${name} -->\n`).join('') + findings;
  fs.mkdirSync(path.dirname(BENCHMARKS_DOC), { recursive: true });
  fs.writeFileSync(BENCHMARKS_DOC, doc);
}
