import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import type { Dialect } from '../../db/dialect.js';
import type { Conn, ProductRow } from '../../db/schema.js';
import { readSnapshot } from '../../db/snapshot.js';

const PAGE = 1000;

/**
 * The CSV's columns, named as Jira names them in its "Export Excel CSV" so spreadsheets and other
 * tools (Jira's own importer included) recognise them. One row per live item, in backlog order.
 */
export const CSV_COLUMNS = [
  'Issue key',
  'Issue id',
  'Issue Type',
  'Summary',
  'Description',
  'Status',
  'Status Category',
  'Assignee',
  'Reporter',
  'Parent',
  'Sprint',
  'Fix Version/s',
  'Labels',
  'Custom field (Story Points)',
  'Custom field (Rank)',
  'Custom field (Business Value)',
  'Custom field (Time Criticality)',
  'Custom field (Risk Reduction)',
  'Custom field (Job Size)',
  'Flagged',
  'Created',
  'Updated',
  'Resolved',
] as const;

/** Jira's words for Ordo's state categories. */
const CATEGORY = { backlog: 'To Do', todo: 'To Do', in_progress: 'In Progress', done: 'Done' } as Record<string, string>;
const TYPE = { epic: 'Epic', story: 'Story', bug: 'Bug', task: 'Task', spike: 'Spike' } as Record<string, string>;

/**
 * The product's items as CSV, streamed: rows are read a page at a time in rank order and
 * csv-stringify quotes them (commas, quotes and line breaks in titles and descriptions).
 */
export function writeItemsCsv(source: Conn, dialect: Dialect, product: ProductRow): Readable {
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom: true });
  async function* rows(db: Conn) {
    const states = new Map(
      (await db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).execute()).map((s) => [s.id, s]),
    );
    const users = new Map((await db.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
    const sprints = new Map(
      (await db.selectFrom('sprints').select(['id', 'name']).where('product_id', '=', product.id).execute()).map((s) => [s.id, s.name]),
    );
    const releases = new Map(
      (await db.selectFrom('releases').select(['id', 'name']).where('product_id', '=', product.id).execute()).map((r) => [r.id, r.name]),
    );
    const parents = new Map<number, string>();
    for (const p of await db
      .selectFrom('items')
      .select(['id', 'key'])
      .where('product_id', '=', product.id)
      .where('id', 'in', (eb) =>
        eb.selectFrom('items').select('parent_id').where('product_id', '=', product.id).where('parent_id', 'is not', null),
      )
      .execute())
      parents.set(p.id, p.key);

    let after: { rank: string; id: number } | null = null;
    for (;;) {
      let q = db
        .selectFrom('items')
        .selectAll()
        .where('product_id', '=', product.id)
        .where('deleted_at', 'is', null)
        .orderBy('rank')
        .orderBy('id')
        .limit(PAGE);
      if (after) {
        const { rank, id } = after;
        q = q.where((eb) => eb.or([eb('rank', '>', rank), eb.and([eb('rank', '=', rank), eb('id', '>', id)])]));
      }
      const page = await q.execute();
      for (const i of page) {
        const state = states.get(i.state_id);
        yield {
          'Issue key': i.key,
          'Issue id': i.number,
          'Issue Type': TYPE[i.type] ?? i.type,
          Summary: i.title,
          Description: i.description,
          Status: state?.name ?? '',
          'Status Category': state ? CATEGORY[state.category] : '',
          Assignee: i.assignee_id ? (users.get(i.assignee_id) ?? '') : '',
          Reporter: i.created_by ? (users.get(i.created_by) ?? '') : '',
          Parent: i.parent_id ? (parents.get(i.parent_id) ?? '') : '',
          Sprint: i.sprint_id ? (sprints.get(i.sprint_id) ?? '') : '',
          'Fix Version/s': i.release_id ? (releases.get(i.release_id) ?? '') : '',
          Labels: (JSON.parse(i.labels) as string[]).join(', '),
          'Custom field (Story Points)': i.estimate,
          'Custom field (Rank)': i.rank,
          'Custom field (Business Value)': i.business_value,
          'Custom field (Time Criticality)': i.time_criticality,
          'Custom field (Risk Reduction)': i.risk_reduction,
          'Custom field (Job Size)': i.job_size,
          Flagged: i.blocked ? 'Impediment' : '',
          Created: i.created_at,
          Updated: i.updated_at,
          Resolved: i.done_at ?? '',
        };
      }
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = { rank: last.rank, id: last.id };
    }
  }
  const items = Readable.from(readSnapshot(source, dialect, rows));
  items.on('error', (e) => csv.destroy(e));
  return items.pipe(csv);
}
