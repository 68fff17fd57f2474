import type { Conn, SprintRow } from '../../db/schema.js';
import type { TActivityOf } from '../../contract/activity.js';
import type { ItemType } from '../../contract/items.js';
import type { TSprintRecord } from '../../contract/sprints.js';
import { valueAt, type ItemHistory, type ScopeRules } from '../../domain/flow.js';
import { sprintRecordItems, sprintTotals, type SprintRecordItem } from '../../domain/sprint-record.js';
import type { TxContext } from '../context.js';
import { itemsEverWith, loadHistories } from '../reports/item-histories.js';
import { productStates } from '../reports/product-states.js';

/**
 * The histories a sprint's burndown and record are replayed from: every item that is in the
 * sprint now or was at some moment (epics left out: they are containers), and what "in the
 * sprint" and "done" mean at an instant.
 */
export async function sprintReplay(db: Conn, sprint: SprintRow): Promise<{ work: ItemHistory[]; rules: ScopeRules }> {
  const current = await db.selectFrom('items').select('id').where('sprint_id', '=', sprint.id).where('type', '!=', 'epic').execute();
  const touched = await itemsEverWith(db, sprint.product_id, 'sprintId', sprint.id, sprint.created_at);
  const histories = await loadHistories(db, [...new Set([...current.map((r) => r.id), ...touched])]);
  const doneStates = new Set((await productStates(db, sprint.product_id)).filter((s) => s.category === 'done').map((s) => s.id));
  return {
    work: histories.filter((h) => h.type !== 'epic'),
    rules: {
      inScope: (h, at) => valueAt(h, 'sprintId', at) === sprint.id,
      isDone: (h, at) => doneStates.has(valueAt(h, 'stateId', at) ?? -1),
    },
  };
}

type Closed = TActivityOf<'sprint', 'closed'>['after'];

/** The close's own activity row: where unfinished work went, and the event number the close ended on. */
async function closeActivity(db: Conn, sprint: SprintRow) {
  const row = await db
    .selectFrom('activity')
    .select(['event_number', 'after'])
    .where('product_id', '=', sprint.product_id)
    .where('created_at', '>=', sprint.started_at ?? sprint.created_at)
    .where('entity_type', '=', 'sprint')
    .where('entity_id', '=', sprint.id)
    .where('action', '=', 'closed')
    .orderBy('event_number', 'desc')
    .executeTakeFirst();
  return row?.after ? { eventNumber: row.event_number, after: JSON.parse(row.after) as Closed } : null;
}

/**
 * The instant a closed sprint's work stopped counting: when its close began moving unfinished
 * items out. Sprints closed before records were kept stamped `closed_at` after those moves, so
 * for them it is read from the first activity row of the closing transaction (its rows carry
 * consecutive event numbers: one per item moved, then the close itself).
 */
export async function closeInstant(db: Conn, sprint: SprintRow): Promise<string | null> {
  if (!sprint.closed_at) return null;
  if (sprint.recorded_at) return sprint.closed_at;
  const close = await closeActivity(db, sprint);
  if (!close) return sprint.closed_at;
  const first = await db
    .selectFrom('activity')
    .select('created_at')
    .where('product_id', '=', sprint.product_id)
    .where('event_number', '=', close.eventNumber - close.after.unfinished)
    .executeTakeFirst();
  return first && first.created_at < sprint.closed_at ? first.created_at : sprint.closed_at;
}

const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

/**
 * A sprint's record replayed up to `end`: every change up to that instant counts. The close calls
 * it before moving anything, with the instant it closes.
 */
export async function replaySprintRecord(db: Conn, sprint: SprintRow, end: string): Promise<SprintRecordItem[]> {
  const { work, rules } = await sprintReplay(db, sprint);
  return inRankOrder(db, sprintRecordItems(work, sprint.started_at ?? sprint.created_at, end, rules));
}

/** A record line as its `sprint_record_items` row: written at a sprint's close and by the Ordo import. */
export function sprintRecordRow(sprintId: number, position: number, r: SprintRecordItem) {
  return {
    sprint_id: sprintId,
    item_id: r.itemId,
    item_key: r.key,
    title: r.title,
    type: r.type,
    position,
    committed: r.committed ? 1 : 0,
    added: r.added ? 1 : 0,
    outcome: r.outcome,
    start_points: r.startPoints,
    joined_points: r.joinedPoints,
    end_points: r.endPoints,
  };
}

/** Keeps a closing sprint's record, in the closing transaction. */
export async function keepSprintRecord(tx: TxContext, sprintId: number, items: readonly SprintRecordItem[]) {
  for (let i = 0; i < items.length; i += 200) {
    await tx.db
      .insertInto('sprint_record_items')
      .values(items.slice(i, i + 200).map((r, j) => sprintRecordRow(sprintId, i + j, r)))
      .execute();
  }
}

/** A closed sprint's record: as kept at its close, or replayed from the activity log for sprints closed before that. */
export async function readSprintRecord(db: Conn, sprint: SprintRow): Promise<TSprintRecord | null> {
  if (sprint.state !== 'closed' || !sprint.closed_at) return null;
  let items: SprintRecordItem[];
  if (sprint.recorded_at) {
    const rows = await db.selectFrom('sprint_record_items').selectAll().where('sprint_id', '=', sprint.id).orderBy('position').execute();
    items = rows.map((r) => ({
      itemId: r.item_id,
      key: r.item_key,
      title: r.title,
      type: r.type,
      committed: !!r.committed,
      added: !!r.added,
      outcome: r.outcome as SprintRecordItem['outcome'],
      startPoints: r.start_points,
      joinedPoints: r.joined_points,
      endPoints: r.end_points,
    }));
  } else {
    items = await replaySprintRecord(db, sprint, before((await closeInstant(db, sprint)) ?? sprint.closed_at));
  }
  const close = await closeActivity(db, sprint);
  const to = close?.after.unfinishedTo;
  const totals = sprintTotals(items);
  return {
    source: sprint.recorded_at ? 'kept' : 'replayed',
    ...totals,
    movedOn: { ...totals.movedOn, to: to === undefined ? null : to },
    items: items.map((i) => ({
      key: i.key,
      title: i.title,
      type: i.type as ItemType,
      committed: i.committed,
      added: i.added,
      outcome: i.outcome,
      points: i.endPoints,
    })),
  };
}

async function inRankOrder(db: Conn, items: SprintRecordItem[]): Promise<SprintRecordItem[]> {
  const ranks = new Map<number, string>();
  for (let i = 0; i < items.length; i += 500) {
    const ids = items.slice(i, i + 500).map((r) => r.itemId);
    for (const r of await db.selectFrom('items').select(['id', 'rank']).where('id', 'in', ids).execute()) ranks.set(r.id, r.rank);
  }
  const rank = (r: SprintRecordItem) => ranks.get(r.itemId) ?? '';
  return [...items].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}
