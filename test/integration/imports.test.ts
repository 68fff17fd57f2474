import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import type { TImportJob } from '../../src/contract/imports.js';
import { importSettled } from '../../src/services/imports/import-jobs.js';
import { parseTrelloJson } from '../../src/services/imports/parse-trello-json.js';
import { runImport } from '../../src/services/imports/run-import.js';

const JIRA = readFileSync(new URL('../fixtures/jira/tes-small-cloud-2025.csv', import.meta.url));
const TRELLO = {
  tekken: readFileSync(new URL('../fixtures/trello/tekken-notes-2025.json', import.meta.url)),
  avidyne: readFileSync(new URL('../fixtures/trello/avidyne-2016.json', import.meta.url)),
};

/** The Jira file read independently of the importer: its header and rows. */
const jiraRows = () => {
  const [header, ...rows] = parse(JIRA, { bom: true }) as string[][];
  const col = (name: string) => header!.indexOf(name);
  const all = (name: string) => header!.flatMap((h, i) => (h === name ? [i] : []));
  return { header: header!, rows, col, all };
};

let keys = 0;
const freshKey = (prefix: string) => `${prefix}${String.fromCharCode(65 + (keys++ % 26))}${keys}`.slice(0, 10);

async function upload(
  h: Harness,
  user: TestUser,
  key: string,
  body: Buffer | string,
  query: Record<string, string | string[]>,
): Promise<{ status: number; job: TImportJob; body: string }> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) params.append(k, x);
  const res = await h.api(user, {
    method: 'POST',
    url: `/api/products/${key}/imports?${params}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: body,
  });
  if (res.statusCode !== 202) return { status: res.statusCode, job: undefined as never, body: res.body };
  const started = res.json() as TImportJob;
  await importSettled(started.id);
  const job = (await h.api(user, { method: 'GET', url: `/api/imports/${started.id}` })).json() as TImportJob;
  return { status: 202, job, body: res.body };
}

async function productCount(h: Harness, key: string) {
  const product = await h.ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirst();
  return product ? 1 : 0;
}

describeEachDialect('POST /api/products/:key/imports (Jira CSV)', (h) => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await h.buildUser({ name: 'Eric Medlock', isAdmin: true });
    // The export ends in September 2025; "now" is a few days later, so its throughput is recent.
    h.clock.set(new Date('2025-09-24T12:00:00.000Z'));
  });

  it('imports every issue and comment with its state, Jira order, sprint and dated history', async () => {
    const { rows, col, all } = jiraRows();
    const { job } = await upload(h, admin, 'TES', JIRA, { format: 'jira' });
    expect(job.error).toBeNull();
    expect(job.status).toBe('done');
    const comments = rows.reduce((n, r) => n + all('Comment').filter((i) => r[i]!.trim()).length, 0);
    expect(job.report!.counts).toMatchObject({ items: rows.length, comments, sprints: 1 });

    const items = await h.ctx.db
      .selectFrom('items')
      .innerJoin('workflow_states as s', 's.id', 'items.state_id')
      .innerJoin('products as p', 'p.id', 'items.product_id')
      .select([
        'items.id',
        'items.key',
        'items.rank',
        's.name as state',
        'items.created_at',
        'items.done_at',
        'items.started_at',
        'items.sprint_id',
      ])
      .where('p.key', '=', 'TES')
      .orderBy('items.rank')
      .execute();
    expect(items).toHaveLength(rows.length);
    // Jira's keys are kept, and the order is Jira's Rank.
    const byRank = [...rows].sort((a, b) => (a[col('Custom field (Rank)')]! < b[col('Custom field (Rank)')]! ? -1 : 1));
    expect(items.map((i) => i.key)).toEqual(byRank.map((r) => r[col('Issue key')]));
    const stateNames: Record<string, string> = { 'To Do': 'To do', 'In Progress': 'In progress', Done: 'Done' };
    for (const r of rows) {
      const item = items.find((i) => i.key === r[col('Issue key')])!;
      expect(item.state).toBe(stateNames[r[col('Status')]!]);
      expect(!!item.done_at).toBe(!!r[col('Resolved')]);
      expect(item.sprint_id !== null).toBe(all('Sprint').some((i) => r[i]!.trim()));
    }
    const resolved = items.find((i) => i.key === 'TES-19')!;
    expect(resolved.created_at).toBe('2025-09-03T09:21:00.000Z');
    expect(resolved.done_at).toBe('2025-09-12T09:05:00.000Z');

    // History: each item created on its Jira date, finished ones moved to Done when resolved.
    const history = (await h.api(admin, { method: 'GET', url: '/api/items/TES-19/history' })).json() as {
      items: { action: string; at: string; after: { state?: string } | null }[];
    };
    expect(history.items.map((e) => [e.action, e.at, e.after?.state ?? null])).toEqual(
      expect.arrayContaining([
        ['created', '2025-09-03T09:21:00.000Z', 'To do'],
        ['moved', '2025-09-12T09:05:00.000Z', 'Done'],
      ]),
    );
    const comment = await h.ctx.db
      .selectFrom('comments')
      .select(['body', 'created_at'])
      .where('item_id', '=', resolved.id)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    expect(comment.created_at).toBe('2025-09-05T07:24:00.000Z');
    // A Jira mention by account id reads as the person's name.
    expect(comment.body).toContain('@Saicharan Basireddy is working on the Network Architecture');
  });

  it('has a release forecast right after the import, from the imported throughput', async () => {
    const release = (
      await h.api(admin, { method: 'POST', url: '/api/products/TES/releases', payload: { name: 'Next', targetDate: '2025-11-01' } })
    ).json() as { id: number };
    const open = await h.ctx.db.selectFrom('items').select('key').where('key', 'like', 'TES-%').where('done_at', 'is', null).execute();
    await h.api(admin, { method: 'POST', url: `/api/releases/${release.id}/items`, payload: { keys: open.map((i) => i.key) } });
    const forecast = (await h.api(admin, { method: 'GET', url: `/api/releases/${release.id}/forecast` })).json() as {
      status: string;
      scope: { remaining: number };
    };
    expect(forecast.status).toBe('ok');
    expect(forecast.scope.remaining).toBe(open.length);
  });

  it('leaves PostgreSQL with statistics of the imported items, so their backlog is planned as the backlog it is', async () => {
    if (h.dialect !== 'postgres') return; // SQLite plans these queries from the indexes alone
    // Only an explicit ANALYZE sets last_analyze (autovacuum sets last_autoanalyze, and is off on some servers).
    const { rows } = await sql<{ last_analyze: Date | null }>`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'items'`.execute(
      h.ctx.db,
    );
    expect(rows[0]?.last_analyze).not.toBeNull();
  });

  it('maps statuses by name, category or an override, and refuses an unknown one naming its line', async () => {
    const text = JIRA.toString('utf8');
    const lines = text.split('\n');
    const { col } = jiraRows();
    // Line 3 (the second issue) gets a status Ordo does not know and no Status Category.
    const cells = parse(lines[2]!, {})[0] as string[];
    cells[col('Status')] = 'Waiting for Godot';
    cells[col('Status Category')] = '';
    lines[2] = cells.map((c) => (/[",;\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
    const changed = lines.join('\n');
    const key = freshKey('ST');
    const failed = await upload(h, admin, key, changed, { format: 'jira' });
    expect(failed.job.status).toBe('failed');
    expect(failed.job.error).toMatchObject({ code: 'validation', where: 'line 3' });
    expect(failed.job.error!.message).toContain('Waiting for Godot');
    expect(await productCount(h, key)).toBe(0);

    const mapped = await upload(h, admin, key, changed, { format: 'jira', map: 'Waiting for Godot=Review', dryRun: 'true' });
    expect(mapped.job.report!.states).toContainEqual({
      source: 'Waiting for Godot',
      state: 'Review',
      category: 'in_progress',
      by: 'override',
    });
    expect(mapped.job.report!.byState.find((s) => s.state === 'Review')!.items).toBe(1);
    // A dry run writes nothing.
    expect(await productCount(h, key)).toBe(0);
  });

  const bad: [string, (csv: string) => string, RegExp, string][] = [
    ['a truncated file', (csv) => csv.slice(0, csv.indexOf('TES-19') + 40), /line \d+: .*truncated/, 'line'],
    ['a CSV that is not a Jira export', () => 'name,amount\nCoffee,3\n', /line 1: this is not a Jira CSV export/, 'line 1'],
    [
      'a quote in the wrong place',
      (csv) => csv.replace('Bug Fixing: problem in production', 'Bug "Fixing": problem'),
      /line 3: a quote is in the wrong place/,
      'line 3',
    ],
  ];
  for (const [what, make, message, where] of bad) {
    it(`refuses ${what} with the line, writing nothing`, async () => {
      const key = freshKey('BAD');
      const { job } = await upload(h, admin, key, make(JIRA.toString('utf8')), { format: 'jira' });
      expect(job.status).toBe('failed');
      expect(job.error!.message).toMatch(message);
      expect(job.error!.where).toContain(where);
      expect(await productCount(h, key)).toBe(0);
    });
  }

  it('links epics and sub-tasks from a Jira Server export with its own column names and a German locale', async () => {
    const csv = [
      'Zusammenfassung,Vorgangsschlüssel,Vorgangs-ID,Vorgangstyp,Status,Erstellt,Erledigt,Custom field (Epic Link),Parent id,Custom field (Story Points),Sprint,Sprint',
      'Checkout 2.0,SHOP-1,501,Epic,Offen,02.01.2024 09:00,,,,,,',
      'Pay with a saved card,SHOP-2,502,Story,Fertig,03/Jan/24 10:15 AM,05/Feb/24 4:00 PM,SHOP-1,,5,Sprint 1,Sprint 2',
      'Write the migration,SHOP-3,503,Sub-task,In Arbeit,04/Jan/24 8:00 AM,,,502,,,',
      'Cleanup,SHOP-4,504,Improvement,Offen,05/Jan/24 8:00 AM,,,,,,',
    ].join('\n');
    const key = freshKey('SRV');
    const { job } = await upload(h, admin, key, csv, { format: 'jira', map: ['Offen=To do', 'In Arbeit=In progress', 'Fertig=Done'] });
    expect(job.error).toBeNull();
    expect(job.report!.counts).toMatchObject({ items: 4, sprints: 1 });
    const get = async (n: number) =>
      (await h.api(admin, { method: 'GET', url: `/api/items/${key}-${n}` })).json() as {
        type: string;
        parentKey: string | null;
        estimate: number | null;
        labels: string[];
        stateCategory: string;
        description: string;
      };
    const story = await get(2);
    expect(story).toMatchObject({ type: 'story', parentKey: `${key}-1`, estimate: 5, stateCategory: 'done' });
    const subtask = await get(3);
    expect(subtask).toMatchObject({ type: 'task', parentKey: null, labels: ['sub-task'] });
    expect(subtask.description).toContain('sub-task of SHOP-2');
    expect((await get(4)).labels).toEqual(['improvement']);
    const epic = await h.ctx.db
      .selectFrom('items')
      .select(['created_at', 'done_at'])
      .where('key', '=', `${key}-2`)
      .executeTakeFirstOrThrow();
    expect(epic).toEqual({ created_at: '2024-01-03T10:15:00.000Z', done_at: '2024-02-05T16:00:00.000Z' });
  });

  it('links stories to an epic that comes thousands of rows after them, and keeps every description and comment', async () => {
    // The writer reads a large file again in chunks of 2,000 rows: this epic is in a later chunk than its stories.
    const rows = Array.from(
      { length: 2_500 },
      (_, i) => `Story ${i + 1},BIG-${i + 1},Story,To Do,LONG-EPIC,"Why ${i + 1}, at length","01/Mar/24 9:00 AM;Someone;Note ${i + 1}"`,
    );
    const csv = [
      'Summary,Issue key,Issue Type,Status,Custom field (Epic Link),Description,Comment',
      ...rows,
      'The epic,LONG-EPIC,Epic,To Do,,,',
    ].join('\n');
    const key = freshKey('LATE');
    const { job } = await upload(h, admin, key, csv, { format: 'jira' });
    expect(job.error).toBeNull();
    expect(job.report!.counts).toMatchObject({ items: 2_501, comments: 2_500 });
    for (const n of [1, 2_000, 2_500]) {
      const item = (await h.api(admin, { method: 'GET', url: `/api/items/${key}-${n}` })).json() as {
        title: string;
        parentKey: string | null;
        description: string;
      };
      expect(item).toMatchObject({ title: `Story ${n}`, parentKey: `${key}-2501` });
      expect(item.description).toContain(`Why ${n}, at length`);
    }
    const comments = await h.ctx.db
      .selectFrom('comments')
      .innerJoin('items', 'items.id', 'comments.item_id')
      .select(['items.number', 'comments.body'])
      .where('items.key', 'in', [`${key}-1`, `${key}-2500`])
      .orderBy('items.number')
      .execute();
    expect(comments.map((c) => [c.number, c.body.endsWith(`Note ${c.number}`)])).toEqual([
      [1, true],
      [2_500, true],
    ]);
  });

  it('reports a job whose process stopped hours ago as failed, with nothing written', async () => {
    const row = await h.ctx.db
      .insertInto('import_jobs')
      .values({
        product_key: 'GONE',
        format: 'jira',
        dry_run: 0,
        status: 'running',
        created_by: admin.id,
        bytes: 10,
        created_at: new Date(h.clock.now().getTime() - 7 * 3_600_000).toISOString(),
        finished_at: null,
        report: null,
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = (await h.api(admin, { method: 'GET', url: `/api/imports/${row.id}` })).json() as TImportJob;
    expect(job.status).toBe('failed');
    expect(job.error!.message).toContain('nothing was written');
  });

  it('refuses a file over the size limit with 413, writing nothing', async () => {
    process.env.IMPORT_MAX_BYTES = String(4 * 1024);
    try {
      const key = freshKey('BIG');
      const res = await upload(h, admin, key, JIRA, { format: 'jira' });
      expect(res.status).toBe(413);
      expect(res.body).toContain('the most an import reads');
      expect(await productCount(h, key)).toBe(0);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
  });

  it('refuses a product that already has items, before reading the file', async () => {
    const { key } = await h.buildProduct(admin);
    await h.api(admin, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Already here' } });
    const res = await upload(h, admin, key, JIRA, { format: 'jira' });
    expect(res.status).toBe(409);
    expect(res.body).toContain('has items');
  });

  it('shows a job only to whoever started it (and admins)', async () => {
    const other = await h.buildUser({ name: 'Other' });
    const { job } = await upload(h, admin, freshKey('DRY'), JIRA, { format: 'jira', dryRun: 'true' });
    expect((await h.api(other, { method: 'GET', url: `/api/imports/${job.id}` })).statusCode).toBe(404);
  });
});

describeEachDialect('POST /api/products/:key/imports (Trello JSON)', (h) => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await h.buildUser({ name: 'Admin', isAdmin: true });
  });

  for (const [name, file] of Object.entries(TRELLO)) {
    it(`imports the ${name} board: every card, comment, label and checklist item, in list order`, async () => {
      const board = JSON.parse(file.toString('utf8'));
      const key = freshKey('TR');
      const { job } = await upload(h, admin, key, file, { format: 'trello' });
      expect(job.error).toBeNull();
      const cardIds = new Set(board.cards.map((c: { id: string }) => c.id));
      const comments = board.actions.filter((a: any) => a.type === 'commentCard' && cardIds.has(a.data.card.id)).length;
      const checkItems = board.checklists
        .filter((c: any) => cardIds.has(c.idCard))
        .reduce((n: number, c: any) => n + c.checkItems.length, 0);
      const labels = new Set(board.cards.flatMap((c: any) => c.labels.map((l: any) => l.name || l.color))).size;
      expect(job.report!.counts).toMatchObject({ items: board.cards.length, comments, criteria: checkItems, labels });

      const items = await h.ctx.db
        .selectFrom('items')
        .innerJoin('workflow_states as s', 's.id', 'items.state_id')
        .innerJoin('products as p', 'p.id', 'items.product_id')
        .select(['items.title', 's.name as state', 's.category'])
        .where('p.key', '=', key)
        .orderBy('items.rank')
        .execute();
      expect(items).toHaveLength(board.cards.length);
      const lists = new Map(board.lists.map((l: any) => [l.id, l]));
      // Open cards in their list's state, in the board's order; archived ones done.
      const open = board.cards
        .filter((c: any) => !c.closed && !(lists.get(c.idList) as any).closed)
        .sort((a: any, b: any) => (lists.get(a.idList) as any).pos - (lists.get(b.idList) as any).pos || a.pos - b.pos);
      expect(items.filter((i) => i.category !== 'done').map((i) => [i.title, i.state])).toEqual(
        open.map((c: any) => [c.name, (lists.get(c.idList) as any).name]),
      );
      expect(items.filter((i) => i.category === 'done')).toHaveLength(board.cards.length - open.length);

      const accepted = await h.ctx.db
        .selectFrom('acceptance_criteria as c')
        .innerJoin('items', 'items.id', 'c.item_id')
        .innerJoin('products as p', 'p.id', 'items.product_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('p.key', '=', key)
        .where('c.accepted', '=', 1)
        .executeTakeFirstOrThrow();
      const complete = board.checklists
        .filter((c: any) => cardIds.has(c.idCard))
        .reduce((n: number, c: any) => n + c.checkItems.filter((i: any) => i.state === 'complete').length, 0);
      expect(Number(accepted.n)).toBe(complete);
    });
  }

  it('leaves archived cards out when asked, and records card movements as history', async () => {
    const key = freshKey('AV');
    const { job } = await upload(h, admin, key, TRELLO.avidyne, { format: 'trello', archived: 'skip' });
    const board = JSON.parse(TRELLO.avidyne.toString('utf8'));
    const lists = new Map(board.lists.map((l: any) => [l.id, l.closed]));
    expect(job.report!.counts.items).toBe(board.cards.filter((c: any) => !c.closed && !lists.get(c.idList)).length);
    const moves = await h.ctx.db
      .selectFrom('activity')
      .innerJoin('products as p', 'p.id', 'activity.product_id')
      .select(['activity.created_at'])
      .where('p.key', '=', key)
      .where('activity.action', '=', 'moved')
      .execute();
    // Movements keep Trello's dates (2016), not the import's.
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((m) => m.created_at < '2017')).toBe(true);
  });

  it('refuses JSON that is not a Trello board, naming the path, and broken JSON, naming the line', async () => {
    const key = freshKey('NT');
    const notBoard = await upload(h, admin, key, JSON.stringify({ name: 'x', items: [] }), { format: 'trello' });
    expect(notBoard.job.error).toMatchObject({ where: '$' });
    expect(notBoard.job.error!.message).toContain('not a Trello board export');
    const noList = JSON.parse(TRELLO.tekken.toString('utf8'));
    noList.cards[2].idList = 'nowhere';
    const badCard = await upload(h, admin, key, JSON.stringify(noList), { format: 'trello' });
    expect(badCard.job.error).toMatchObject({ where: '$.cards[2].idList' });
    const broken = await upload(h, admin, key, '{\n  "cards": [\n    {"id": }\n  ]\n}', { format: 'trello' });
    expect(broken.job.error!.where).toMatch(/^line 3/);
    expect(await productCount(h, key)).toBe(0);
  });

  it('writes nothing when the import fails part-way through writing', async () => {
    const key = freshKey('RB');
    const source = parseTrelloJson(TRELLO.avidyne.toString('utf8'), { archived: 'done' });
    let calls = 0;
    await expect(
      runImport(h.ctx, admin.actor, source, {
        productKey: key,
        dryRun: false,
        statusMap: [],
        onProgress: () => {
          if (++calls === 3) throw new Error('the disk is full');
        },
      }),
    ).rejects.toThrow('the disk is full');
    expect(await productCount(h, key)).toBe(0);
    const orphans = await h.ctx.db.selectFrom('items').select('id').where('key', 'like', `${key}-%`).execute();
    expect(orphans).toEqual([]);
  });
});
