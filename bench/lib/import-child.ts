/**
 * One import in its own process, so its peak memory is the import's alone:
 * `node --import tsx bench/lib/import-child.ts <sqlite dir | postgres url> <file> <KEY>`; prints
 * `{ ms, maxRssMb, items, comments, events }` as JSON.
 */
import { loadConfig } from '../../src/cli/config.js';
import { openRuntime } from '../../src/cli/runtime.js';
import { importFile } from '../../src/services/imports/import-jobs.js';
import { createUser } from '../../src/services/users.js';

const [where, file, key] = process.argv.slice(2) as [string, string, string];
const postgres = where.startsWith('postgres');
const runtime = await openRuntime(loadConfig({ ...process.env, DATA_DIR: postgres ? '' : where, DATABASE_URL: postgres ? where : '' }));
try {
  const admin = await createUser(runtime.ctx, {
    email: `bench-${Date.now()}@example.com`,
    name: 'Bench Admin',
    password: 'correct horse battery',
    isAdmin: true,
  });
  const started = performance.now();
  const report = await importFile(runtime.ctx, { userId: admin.id, name: admin.name, isAdmin: true }, file, {
    productKey: key,
    format: 'jira',
    dryRun: false,
    map: [],
    archived: 'done',
  });
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      ms,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      items: report.counts.items,
      comments: report.counts.comments,
      events: report.counts.events,
    }),
  );
} finally {
  await runtime.close();
}
