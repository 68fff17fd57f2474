import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freshDatabase } from '../test/support/database.js';
import { PG_ADMIN_URL } from './lib/fixture.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const ISSUES = Number(process.env.BENCH_IMPORT_ISSUES ?? 50_000);
const COMMENTS = ISSUES * 4;
const run = promisify(execFile);
/**
 * The import holds its plan (about 75 MB at 50,000 issues: no descriptions, titles or comments)
 * and one chunk of 2,000 issues at a time; how far RSS rises above that is V8's choice (it collects
 * lazily while memory is free). A heap limit makes it collect sooner: measured both ways.
 */
const HEAP_LIMITS = [null, 320] as const;

/**
 * `ordo import jira` on a generated Jira Cloud export of 50,000 issues with 200,000 comments
 * (targets: under 60 s on SQLite, peak memory under 500 MB), each dialect in a fresh database and
 * the import in its own process, so its peak RSS is the import's.
 */
export async function importsBench(ctx: BenchContext): Promise<SectionResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-import-bench-'));
  const file = path.join(dir, 'jira.csv');
  ctx.log(`writing a Jira CSV of ${ISSUES.toLocaleString('en')} issues and ${COMMENTS.toLocaleString('en')} comments`);
  const bytes = await writeJiraCsv(file, ISSUES);
  const table: Table = {
    title: `Jira CSV import: ${ISSUES.toLocaleString('en')} issues, ${COMMENTS.toLocaleString('en')} comments, ${(bytes / 1024 / 1024).toFixed(0)} MB (targets: < 60 s on SQLite, < 500 MB)`,
    columns: ['dialect', 'node heap limit', 'seconds', 'issues/s', 'peak RSS MB', 'history rows', 'target'],
    rows: [],
  };
  try {
    for (const dialect of ctx.dialects)
      for (const heap of HEAP_LIMITS) {
        const db = await freshDatabase(dialect, { prefix: 'ordo_bench_import', adminUrl: PG_ADMIN_URL });
        await db.handle.close();
        try {
          ctx.log(`[${dialect}] importing (heap limit ${heap ?? 'default'})`);
          const { stdout } = await run(
            process.execPath,
            [
              ...(heap ? [`--max-old-space-size=${heap}`] : []),
              '--import',
              'tsx',
              path.join(import.meta.dirname, 'lib', 'import-child.ts'),
              db.url,
              file,
              'BIG',
            ],
            { maxBuffer: 1 << 20, env: { ...process.env, NODE_ENV: 'production' } },
          );
          const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number; items: number; events: number };
          table.rows.push([
            dialect,
            heap ? `${heap} MB` : 'default',
            (r.ms / 1000).toFixed(1),
            fmt.int(Math.round(r.items / (r.ms / 1000))),
            r.maxRssMb.toFixed(0),
            fmt.int(r.events),
            fmt.verdict((dialect !== 'sqlite' || r.ms < 60_000) && r.maxRssMb < 500),
          ]);
        } finally {
          await db.drop();
        }
      }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    tables: [table],
    notes: [
      'The file is read twice as a stream (csv-parse): first into a plan that keeps what the mapping needs (statuses, people, sprints, epics, ranks, dates, counts) and no descriptions, titles or comments; then, inside the one transaction, again in chunks of 2,000 issues, each written whole (items, labels, comments, history) and let go. The history (creation, moves, comments) goes to the activity log with the original dates in date order.',
      'The JavaScript heap holds about 100 MB live through the write (the plan and one chunk); "node heap limit 320 MB" is `NODE_OPTIONS=--max-old-space-size=320`, which makes V8 collect sooner at the cost of more frequent collection.',
      'Export timing belongs to the exports section.',
    ],
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const jiraDate = (ms: number) => {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${String(d.getUTCFullYear()).slice(2)} ${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** A Jira Cloud "all fields" export: epics, stories, bugs and tasks over two years, a third open. */
export async function writeJiraCsv(file: string, issues: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  const header = [
    'Summary',
    'Issue key',
    'Issue id',
    'Issue Type',
    'Status',
    'Project key',
    'Project name',
    'Priority',
    'Assignee',
    'Assignee Id',
    'Reporter',
    'Reporter Id',
    'Created',
    'Updated',
    'Resolved',
    'Description',
    'Labels',
    'Labels',
    'Sprint',
    'Sprint',
    'Custom field (Story point estimate)',
    'Custom field (Rank)',
    'Parent',
    'Comment',
    'Comment',
    'Comment',
    'Comment',
    'Comment',
    'Comment',
    'Status Category',
  ];
  await write(header.join(',') + '\n');
  const start = Date.UTC(2024, 0, 1);
  const people = Array.from({ length: 40 }, (_, i) => [`Person ${i + 1}`, `acc${i + 1}`]);
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const epics = Math.ceil(issues / 50);
  for (let n = 1; n <= issues; n++) {
    const epic = n <= epics;
    const created = start + (n / issues) * 700 * 86_400_000;
    const r = rnd();
    const status = epic ? 'In Progress' : r < 0.6 ? 'Done' : r < 0.7 ? 'In Progress' : r < 0.75 ? 'In Review' : 'To Do';
    const category = status === 'Done' ? 'Done' : status === 'To Do' ? 'To Do' : 'In Progress';
    const resolved = status === 'Done' ? created + (1 + rnd() * 20) * 86_400_000 : null;
    const [assignee, assigneeId] = people[Math.floor(rnd() * people.length)]!;
    const [reporter, reporterId] = people[Math.floor(rnd() * people.length)]!;
    // 2 to 6 comments, 4 on average
    const count = 2 + (n % 5);
    const cells: string[] = Array.from({ length: 6 }, (_, i) =>
      i < count
        ? q(
            `${jiraDate(created + (i + 1) * 3_600_000)};${i % 2 ? assigneeId : reporterId};Comment ${i + 1} on BIG-${n}: looked at it, see the notes; "quoted" words, commas, and a second line.\nSecond line.`,
          )
        : '',
    );
    const type = epic ? 'Epic' : ['Story', 'Story', 'Bug', 'Task'][n % 4]!;
    await write(
      [
        q(`${type} ${n}: make the ${['checkout', 'refund', 'statement', 'payout'][n % 4]} flow handle case ${n}`),
        `BIG-${n}`,
        String(10_000 + n),
        type,
        status,
        'BIG',
        'Big Project',
        'Medium',
        assignee,
        assigneeId,
        reporter,
        reporterId,
        jiraDate(created),
        jiraDate(resolved ?? created + 86_400_000),
        resolved ? jiraDate(resolved) : '',
        q(`As a customer I want case ${n} handled.\n\nh3. Acceptance\n* it works\n* it is fast`),
        n % 3 ? 'backend' : '',
        n % 5 ? '' : 'ux',
        `BIG Sprint ${Math.floor(n / 500)}`,
        '',
        epic ? '' : String([1, 2, 3, 5, 8][n % 5]),
        `0|i${((n * 7919) % issues).toString(36).padStart(6, '0')}:`,
        epic ? '' : String(10_000 + 1 + (n % epics)),
        ...cells,
        category,
      ].join(',') + '\n',
    );
  }
  await new Promise<void>((r) => out.end(r));
  return fs.statSync(file).size;
}
