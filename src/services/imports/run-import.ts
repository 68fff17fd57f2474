import type { ItemType } from '../../contract/items.js';
import type { TImportReport } from '../../contract/imports.js';
import type { Conn, NewItemRow, ProductRow, Trx } from '../../db/schema.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { ranksBetween } from '../../domain/ranks.js';
import { DEFAULT_WORKFLOW, type StateCategory } from '../../domain/workflow.js';
import { isUniqueViolation } from '../../db/errors.js';
import { refreshStatistics } from '../../db/statistics.js';
import { announceEvents } from '../../realtime/pg-bus.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { canCreateProducts } from '../products/create-product.js';
import { NEVER_BLOCKED, NO_SCORES } from '../items/item-columns.js';
import type { ImportSource, SourceItem } from './import-model.js';
import { mapStatuses, parseStatusMap, statesFromLists, type StateMapping, type TargetState } from './map-states.js';
import { matchPeople, type PersonMatch } from './match-people.js';

/**
 * Writes what a parser read into one product, in one transaction: all of it or, on any error,
 * nothing. Items keep their source dates (created, started, finished) and their history is
 * written into the activity log with the original dates, oldest first, so the cumulative flow,
 * cycle time, throughput and release forecasts read an imported product as if it had always
 * lived in Ordo. A dry run plans the same way and stops before writing.
 */

export interface ImportOptions {
  productKey: string;
  /** a new product's name; the source's project or board name, else the key */
  productName?: string;
  dryRun: boolean;
  /** `Code Review=Review` pairs (see map-states.ts) */
  statusMap: string[];
  onProgress?: (written: number, total: number) => void;
}

const MAX_WARNINGS = 100;
/** items whose comments, criteria and history are held and written together */
const ITEMS_PER_CHUNK = 2_000;
/** rows per INSERT: below SQLite's 32,766 bound variables and PostgreSQL's 65,535 */
const BATCH_VARIABLES = 30_000;

interface Target {
  product: ProductRow | null;
  /** the workflow after the import: the existing or default one (Jira), the lists (Trello) */
  states: TargetState[];
  replaceStates: boolean;
  mappings: StateMapping[];
}

/** Imports (or with dryRun, plans) a parsed export; answers the report either way. */
export async function runImport(ctx: ServiceContext, actor: Actor, source: ImportSource, opts: ImportOptions): Promise<TImportReport> {
  const target = await resolveTarget(ctx.db, actor, source, opts);
  const people = await matchPeople(ctx.db, source.people);
  const plan = planItems(source, target, people, actor, ctx.clock.now().toISOString());
  const report = buildReport(source, target, people, plan, opts);
  if (opts.dryRun) return report;
  try {
    await write(ctx, actor, source, target, people, plan, opts);
  } catch (err) {
    // Another import (or a person) took the key meanwhile.
    if (isUniqueViolation(err))
      throw new AppError('conflict', `Product ${opts.productKey} was created meanwhile; import again into another key`);
    throw err;
  }
  await refreshStatistics(ctx.db, ctx.dialect);
  return report;
}

/**
 * Where an import may go: a new product (its importer must be allowed to create products) or an
 * existing one that has no items yet (its importer must be allowed to change its workflow). A
 * product with items is refused: merging two backlogs is not an import. Checked before the
 * upload is read, and again in the import.
 */
export async function checkImportTarget(db: Conn, actor: Actor, productKey: string): Promise<ProductRow | null> {
  const existing = await db.selectFrom('products').selectAll().where('key', '=', productKey).executeTakeFirst();
  if (!existing) {
    if (!(await canCreateProducts(db, actor)))
      throw forbidden(`Product ${productKey} does not exist, and only an admin or a lead can create products`);
    return null;
  }
  const { product } = await requireProduct(db, actor, { id: existing.id }, 'workflow.manage');
  const used = await db.selectFrom('items').select('id').where('product_id', '=', existing.id).limit(1).executeTakeFirst();
  if (used)
    throw new AppError(
      'conflict',
      `Product ${productKey} exists and has items; an import goes into a new product or an empty one. Choose another key.`,
      {
        where: 'product',
      },
    );
  return product;
}

async function resolveTarget(db: Conn, actor: Actor, source: ImportSource, opts: ImportOptions): Promise<Target> {
  const overrides = parseStatusMap(opts.statusMap);
  const product = await checkImportTarget(db, actor, opts.productKey);
  const existing = product;
  let current: TargetState[] = DEFAULT_WORKFLOW.map((s) => ({ name: s.name, category: s.category }));
  if (existing) {
    current = (
      await db
        .selectFrom('workflow_states')
        .select(['name', 'category'])
        .where('product_id', '=', existing.id)
        .orderBy('position')
        .execute()
    ).map((s) => ({ name: s.name, category: s.category as StateCategory }));
  }
  if (source.statusesAreWorkflow) {
    const { states, mappings } = statesFromLists(source.statuses, overrides);
    return { product, states, replaceStates: true, mappings };
  }
  return { product, states: current, replaceStates: !existing, mappings: mapStatuses(source.statuses, current, overrides) };
}

interface PlannedItem {
  source: SourceItem;
  number: number;
  rank: string;
  state: TargetState;
  parentNumber: number | null;
  /** what the description's "Imported from" line says of its parent, when not a link to an epic */
  parentNote: string | null;
  createdAt: string;
  updatedAt: string;
  /** the states it passed through, oldest first; the first is where it was created */
  timeline: { at: string; state: TargetState }[];
  startedAt: string | null;
  doneAt: string | null;
  assigneeId: number | null;
  createdBy: number | null;
}

interface Plan {
  items: PlannedItem[];
  sprints: { name: string; done: boolean }[];
  labels: number;
  comments: number;
  criteria: number;
  events: number;
}

function planItems(source: ImportSource, target: Target, people: PersonMatch[], actor: Actor, now: string): Plan {
  const stateOf = new Map(target.mappings.map((m) => [m.source, target.states.find((s) => s.name === m.state)!]));
  const person = new Map(people.map((p) => [p.ref, p]));
  const firstOf = (c: StateCategory) => target.states.find((s) => s.category === c);
  const startState = firstOf('todo') ?? firstOf('backlog') ?? target.states[0]!;

  // Keep the source's numbers (TES-25 stays 25) when they are all there and distinct.
  const numbers = source.items.map((i) => i.number);
  const keep = numbers.every((n) => n !== null && n > 0 && n < 2 ** 31) && new Set(numbers).size === numbers.length;
  const numberOf = (i: number) => (keep ? source.items[i]!.number! : i + 1);
  const byRef = new Map<string, { item: SourceItem; number: number }>();
  source.items.forEach((item, i) => {
    byRef.set(item.sourceKey, { item, number: numberOf(i) });
    byRef.set(item.sourceId, { item, number: numberOf(i) });
  });

  // Backlog order: Jira's Rank (LexoRank strings order as text) when present, else the source's order.
  const ordered = source.items.map((item, i) => ({ item, i })).sort((a, b) => compareOrder(a.item, b.item));
  const ranks = ranksBetween(null, null, ordered.length);
  const rankOf = new Map(ordered.map((o, k) => [o.i, ranks[k]!]));

  const labels = new Set<string>();
  let comments = 0;
  let criteria = 0;
  let events = 0;
  const sprintDone = new Map<string, boolean>();
  const items = source.items.map((item, i): PlannedItem => {
    const state = stateOf.get(item.status)!;
    const createdAt = item.createdAt || now;
    const timeline = history(item, state, startState, stateOf, createdAt);
    const entered = (c: StateCategory[]) => timeline.find((t) => c.includes(t.state.category))?.at ?? null;
    const doneAt = state.category === 'done' ? enteredDone(timeline) : null;
    const lastEntry = timeline[timeline.length - 1]!.at;
    const parent = item.parentRef ? byRef.get(item.parentRef) : undefined;
    const assignee = item.assignee ? person.get(item.assignee) : undefined;
    const reporter = item.reporter ? person.get(item.reporter) : undefined;
    for (const l of item.labels) labels.add(l);
    comments += item.commentCount;
    criteria += item.criteria.length;
    events += timeline.length + item.commentCount + item.criteria.length + item.criteria.filter((c) => c.accepted).length;
    if (item.sprint) sprintDone.set(item.sprint, (sprintDone.get(item.sprint) ?? true) && state.category === 'done');
    return {
      source: item,
      number: numberOf(i),
      rank: rankOf.get(i)!,
      state,
      parentNumber: parent && parent.item.type === 'epic' && parent.item !== item ? parent.number : null,
      parentNote:
        item.parentRef && !parent
          ? `parent ${item.parentRef} (not in the file)`
          : parent && parent.item.type !== 'epic'
            ? `sub-task of ${parent.item.sourceKey}`
            : null,
      createdAt,
      updatedAt: maxIso(item.updatedAt ?? lastEntry, lastEntry),
      timeline,
      // Jira's CSV does not say when work started: a finished issue counts from its creation.
      startedAt: entered(['in_progress', 'done']) === null ? null : (entered(['in_progress']) ?? createdAt),
      doneAt,
      assigneeId: assignee?.user?.id ?? null,
      createdBy: reporter?.user?.id ?? actor.userId,
    };
  });
  return { items, sprints: [...sprintDone].map(([name, done]) => ({ name, done })), labels: labels.size, comments, criteria, events };
}

/**
 * The description's last line: where the item came from, and what has no field of its own (the
 * original type, a parent that is no epic, people who are not Ordo users, the due date). Made when
 * the item is written, so a large plan does not hold one for each item.
 */
function footer(source: ImportSource, p: PlannedItem, person: Map<string, PersonMatch>): string {
  const item = p.source;
  const notes = [...item.notes];
  if (p.parentNote) notes.push(p.parentNote);
  const assignee = item.assignee ? person.get(item.assignee) : undefined;
  if (assignee && !assignee.user) notes.push(`assignee: ${assignee.name}`);
  const reporter = item.reporter ? person.get(item.reporter) : undefined;
  if (reporter && !reporter.user) notes.push(`reporter: ${reporter.name}`);
  if (item.due) notes.push(`due ${item.due.slice(0, 10)}`);
  const from = source.format === 'jira' ? `Jira ${item.sourceKey}` : `Trello card ${item.sourceKey}`;
  return `_Imported from ${from}${notes.length ? ` · ${notes.join(' · ')}` : ''}_`;
}

function compareOrder(a: SourceItem, b: SourceItem): number {
  if (a.rank !== null && b.rank !== null && a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  if ((a.rank === null) !== (b.rank === null)) return a.rank === null ? 1 : -1;
  return a.order - b.order;
}

const maxIso = (a: string, b: string) => (a > b ? a : b);

/** When the item last entered a done state (it may have been reopened before). */
function enteredDone(timeline: { at: string; state: TargetState }[]): string {
  let i = timeline.length - 1;
  while (i > 0 && timeline[i - 1]!.state.category === 'done') i--;
  return timeline[i]!.at;
}

/**
 * The states an item passed through, with dates never earlier than the one before. Trello records
 * moves; a Jira CSV has only the current status and a few dates, so an open item is created in
 * the first to-do state and moved to its status when its category last changed, and a finished
 * one is moved to done when it was resolved.
 */
function history(
  item: SourceItem,
  state: TargetState,
  startState: TargetState,
  stateOf: Map<string, TargetState>,
  createdAt: string,
): { at: string; state: TargetState }[] {
  const steps: { at: string; state: TargetState }[] = [];
  const add = (at: string | null | undefined, s: TargetState | undefined) => {
    if (!s) return;
    const last = steps[steps.length - 1];
    const when = maxIso(at || createdAt, last?.at ?? createdAt);
    if (last?.state === s) return;
    steps.push({ at: when, state: s });
  };
  if (item.moves.length > 0) {
    const first = item.moves[0]!;
    add(createdAt, stateOf.get(first.from ?? first.status) ?? stateOf.get(first.status));
    for (const m of item.moves) add(m.at, stateOf.get(m.status));
  } else {
    const begins = state.category === 'backlog' || state.category === 'todo' ? state : startState;
    add(createdAt, begins);
  }
  add(
    state.category === 'done' ? (item.resolvedAt ?? item.statusChangedAt ?? item.updatedAt) : (item.statusChangedAt ?? item.updatedAt),
    state,
  );
  return steps;
}

function buildReport(source: ImportSource, target: Target, people: PersonMatch[], plan: Plan, opts: ImportOptions): TImportReport {
  const byType = new Map<ItemType, number>();
  const byState = new Map<TargetState, number>();
  for (const p of plan.items) {
    byType.set(p.source.type, (byType.get(p.source.type) ?? 0) + 1);
    byState.set(p.state, (byState.get(p.state) ?? 0) + 1);
  }
  return {
    format: source.format,
    productKey: opts.productKey,
    productName: target.product?.name ?? opts.productName ?? source.name?.slice(0, 200) ?? opts.productKey,
    newProduct: !target.product,
    counts: {
      items: plan.items.length,
      comments: plan.comments,
      criteria: plan.criteria,
      labels: plan.labels,
      sprints: plan.sprints.length,
      events: plan.events,
      people: people.length,
      matchedPeople: people.filter((p) => p.user).length,
    },
    byType: [...byType].map(([type, items]) => ({ type, items })),
    byState: target.states.map((s) => ({ state: s.name, category: s.category, items: byState.get(s) ?? 0 })),
    states: target.mappings,
    people: people.map((p) => ({ name: p.name, user: p.user, by: p.by })),
    warnings: source.warnings.slice(0, MAX_WARNINGS),
    warningCount: source.warnings.length,
  };
}

interface Event {
  at: string;
  actorId: number;
  entityType: 'item' | 'comment' | 'criterion' | 'sprint' | 'member';
  entityId: number;
  itemId: number | null;
  action: string;
  before: unknown;
  after: unknown;
}

/** An event kept until the history is written: its before and after already JSON, so a large import holds one string each. */
type PendingEvent = Omit<Event, 'before' | 'after'> & { before: string | null; after: string | null };

async function write(
  ctx: ServiceContext,
  actor: Actor,
  source: ImportSource,
  target: Target,
  people: PersonMatch[],
  plan: Plan,
  opts: ImportOptions,
) {
  const total = plan.items.length + plan.comments + plan.criteria + plan.events + plan.sprints.length + people.filter((p) => p.user).length;
  let written = 0;
  const progress = (n: number) => {
    written += n;
    opts.onProgress?.(written, total);
  };
  // An existing product's row is locked first, as every writer of a product does.
  await mutate(ctx, target.product ? { productId: target.product.id } : {}, async (tx) => {
    written = 0; // a transaction the database aborted runs again from the start
    const now = tx.clock.now().toISOString();
    const db = tx.db;
    const events: PendingEvent[] = [];
    const addEvent = (e: Event) =>
      events.push({
        ...e,
        before: e.before === null ? null : JSON.stringify(e.before),
        after: e.after === null ? null : JSON.stringify(e.after),
      });

    let product = target.product;
    if (!product) {
      product = await db
        .insertInto('products')
        .values({
          key: opts.productKey,
          name: opts.productName ?? source.name?.slice(0, 200) ?? opts.productKey,
          vision: '',
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db
        .insertInto('memberships')
        .values({ product_id: product.id, user_id: actor.userId, role: 'owner', created_at: now })
        .execute();
      await tx.record({
        productId: product.id,
        actorId: actor.userId,
        entityType: 'product',
        entityId: product.id,
        action: 'created',
        after: { key: product.key, name: product.name },
      });
    }
    const productId = product.id;

    if (target.replaceStates) {
      await db.deleteFrom('workflow_states').where('product_id', '=', productId).execute();
      await db
        .insertInto('workflow_states')
        .values(
          target.states.map((s, i) => {
            const preset = DEFAULT_WORKFLOW.find((d) => d.name === s.name && d.category === s.category);
            return {
              product_id: productId,
              name: s.name,
              category: s.category,
              position: i,
              wip_limit: preset?.wipLimit ?? null,
              entry_rules: JSON.stringify(preset?.entryRules ?? []),
            };
          }),
        )
        .execute();
    }
    const stateRows = await db.selectFrom('workflow_states').select(['id', 'name']).where('product_id', '=', productId).execute();
    const stateId = new Map(target.states.map((s) => [s, stateRows.find((r) => r.name === s.name)!.id]));

    // People the export names who are Ordo users join the product as developers, so they can be assigned.
    const members = new Set(
      (await db.selectFrom('memberships').select('user_id').where('product_id', '=', productId).execute()).map((m) => m.user_id),
    );
    for (const p of people) {
      if (!p.user || members.has(p.user.id)) continue;
      members.add(p.user.id);
      await db
        .insertInto('memberships')
        .values({ product_id: productId, user_id: p.user.id, role: 'developer', created_at: now })
        .execute();
      addEvent({
        at: now,
        actorId: actor.userId,
        entityType: 'member',
        entityId: p.user.id,
        itemId: null,
        action: 'added',
        before: null,
        after: { role: 'developer', name: p.user.name },
      });
    }

    const sprintId = new Map<string, number>();
    for (const s of plan.sprints) {
      const done = s.done ? plan.items.filter((i) => i.source.sprint === s.name) : [];
      const row = await db
        .insertInto('sprints')
        .values({
          product_id: productId,
          name: s.name.slice(0, 200),
          goal: '',
          start_date: null,
          end_date: null,
          state: s.done ? 'closed' : 'planned',
          created_at: now,
          started_at: null,
          closed_at: s.done ? done.map((i) => i.doneAt ?? now).reduce(maxIso, '') : null,
          completed_points: s.done ? done.reduce((sum, i) => sum + (i.source.estimate ?? 0), 0) : null,
          completed_items: s.done ? done.length : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      sprintId.set(s.name, row.id);
      addEvent({
        at: now,
        actorId: actor.userId,
        entityType: 'sprint',
        entityId: row.id,
        itemId: null,
        action: 'created',
        before: null,
        after: { name: s.name.slice(0, 200), goal: '', startDate: null, endDate: null },
      });
    }

    // Member and sprint events first; then, a chunk of items at a time (read again whole when the
    // parser kept only the plan), the items with their labels, comments, criteria and history,
    // each item's history in date order (what the item's history, the burnup and the sprint
    // records read). A large export's descriptions and comments are never all in memory at once.
    const log = activityLog(db, productId, progress);
    for (const e of events) await log.append(e);
    const itemId = new Map<number, number>();
    /** children (by number) written before their epic (its number): their parent is set once it exists */
    const orphans = new Map<number, number>();
    const person = new Map(people.map((p) => [p.ref, p]));
    const mention = /\[~(?:accountid:)?([^\]]+)\]/g;
    let i = 0;
    for await (const whole of wholeItems(source, ITEMS_PER_CHUNK)) {
      const chunk = plan.items.slice(i, i + whole.length);
      i += whole.length;
      if (chunk.length !== whole.length || chunk.some((p, k) => p.source.sourceKey !== whole[k]!.sourceKey))
        throw new AppError('validation', 'The file changed while it was imported; nothing was written. Import it again.');
      // Epics first within the chunk, so most children are written with their parent's id.
      for (const epics of [true, false]) {
        const rows = chunk.flatMap((p, k): NewItemRow[] => {
          if ((p.source.type === 'epic') !== epics) return [];
          const parentId = p.parentNumber === null ? null : (itemId.get(p.parentNumber) ?? null);
          if (p.parentNumber !== null && parentId === null) orphans.set(p.number, p.parentNumber);
          const description = whole[k]!.description;
          return [
            {
              product_id: productId,
              number: p.number,
              key: `${opts.productKey}-${p.number}`,
              type: p.source.type,
              title: whole[k]!.title,
              description: description ? `${description}\n\n${footer(source, p, person)}` : footer(source, p, person),
              state_id: stateId.get(p.state)!,
              rank: p.rank,
              estimate: p.source.estimate,
              ...NO_SCORES,
              labels: JSON.stringify(p.source.labels),
              assignee_id: p.assigneeId,
              parent_id: parentId,
              sprint_id: p.source.sprint ? (sprintId.get(p.source.sprint) ?? null) : null,
              release_id: null,
              ...NEVER_BLOCKED,
              created_by: p.createdBy,
              created_at: p.createdAt,
              updated_at: p.updatedAt,
              state_entered_at: p.timeline[p.timeline.length - 1]!.at,
              started_at: p.startedAt,
              done_at: p.doneAt,
              deleted_at: null,
              version: 1,
            },
          ];
        });
        for (const batch of batches(rows, 40)) {
          for (const r of await db.insertInto('items').values(batch).returning(['id', 'number']).execute()) itemId.set(r.number, r.id);
          progress(batch.length);
        }
      }
      const labelRows = chunk.flatMap((p) =>
        p.source.labels.map((label) => ({ item_id: itemId.get(p.number)!, product_id: productId, label })),
      );
      for (const batch of batches(labelRows, 3)) await db.insertInto('item_labels').values(batch).execute();

      const history = new Map<number, PendingEvent[]>();
      const add = (e: Event) => {
        const list = history.get(e.itemId!) ?? [];
        list.push({
          ...e,
          before: e.before === null ? null : JSON.stringify(e.before),
          after: e.after === null ? null : JSON.stringify(e.after),
        });
        history.set(e.itemId!, list);
      };
      for (const [k, p] of chunk.entries()) {
        const id = itemId.get(p.number)!;
        const [first, ...moves] = p.timeline;
        add({
          at: first!.at,
          actorId: p.createdBy ?? actor.userId,
          entityType: 'item',
          entityId: id,
          itemId: id,
          action: 'created',
          before: null,
          after: {
            key: `${opts.productKey}-${p.number}`,
            type: p.source.type,
            title: whole[k]!.title,
            stateId: stateId.get(first!.state)!,
            state: first!.state.name,
            rank: p.rank,
          },
        });
        let from = first!.state;
        for (const m of moves) {
          add({
            at: m.at,
            actorId: actor.userId,
            entityType: 'item',
            entityId: id,
            itemId: id,
            action: 'moved',
            before: { stateId: stateId.get(from)!, state: from.name },
            after: { stateId: stateId.get(m.state)!, state: m.state.name },
          });
          from = m.state;
        }
      }

      const commentRows = chunk.flatMap((p, k) =>
        whole[k]!.comments.map((c) => {
          const author = c.author ? person.get(c.author) : undefined;
          const text = c.body.replace(mention, (_, ref: string) => `@${person.get(ref)?.name ?? ref}`);
          const by = author?.user ? '' : `**${author?.name ?? c.author ?? 'Someone'}** (imported): `;
          const at = c.at || p.createdAt;
          return {
            item_id: itemId.get(p.number)!,
            author_id: author?.user?.id ?? actor.userId,
            body: by + text,
            created_at: at,
            updated_at: at,
          };
        }),
      );
      for (const batch of batches(commentRows, 5)) {
        const inserted = await db
          .insertInto('comments')
          .values(batch)
          .returning(['id', 'item_id', 'author_id', 'body', 'created_at'])
          .execute();
        for (const c of inserted)
          add({
            at: c.created_at,
            actorId: c.author_id,
            entityType: 'comment',
            entityId: c.id,
            itemId: c.item_id,
            action: 'created',
            before: null,
            after: { body: c.body },
          });
        progress(batch.length);
      }

      const criterionRows = chunk.flatMap((p, k) =>
        whole[k]!.criteria.map((c, position) => ({
          item_id: itemId.get(p.number)!,
          text: c.text,
          position,
          accepted: c.accepted ? 1 : 0,
          accepted_by: c.accepted ? actor.userId : null,
          accepted_at: c.accepted ? p.updatedAt : null,
          created_at: p.createdAt,
        })),
      );
      for (const batch of batches(criterionRows, 7)) {
        const inserted = await db
          .insertInto('acceptance_criteria')
          .values(batch)
          .returning(['id', 'item_id', 'text', 'accepted', 'accepted_at', 'created_at'])
          .execute();
        for (const c of inserted) {
          add({
            at: c.created_at,
            actorId: actor.userId,
            entityType: 'criterion',
            entityId: c.id,
            itemId: c.item_id,
            action: 'created',
            before: null,
            after: { text: c.text },
          });
          if (c.accepted)
            add({
              at: c.accepted_at ?? c.created_at,
              actorId: actor.userId,
              entityType: 'criterion',
              entityId: c.id,
              itemId: c.item_id,
              action: 'accepted',
              before: { accepted: false },
              after: { text: c.text, accepted: true },
            });
        }
        progress(batch.length);
      }

      for (const p of chunk) {
        // A stable sort: the creation stays first when a comment shares its minute.
        const list = history.get(itemId.get(p.number)!) ?? [];
        list.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
        for (const e of list) await log.append(e);
      }
    }
    // One UPDATE per epic whose children came before it in the file.
    const byParent = new Map<number, number[]>();
    for (const [child, parent] of orphans) {
      const children = byParent.get(parent) ?? [];
      children.push(itemId.get(child)!);
      byParent.set(parent, children);
    }
    for (const [parent, children] of byParent)
      for (const batch of batches(children, 1))
        await db
          .updateTable('items')
          .set({ parent_id: itemId.get(parent)! })
          .where('id', 'in', batch)
          .execute();
    const last = await log.end();

    const maxNumber = plan.items.reduce((m, p) => Math.max(m, p.number), 0);
    await db
      .updateTable('products')
      .set({ next_item_number: maxNumber + 1, updated_at: now })
      .where('id', '=', productId)
      .execute();
    if (last !== null) {
      await announceEvents(tx.db, tx.dialect, new Map([[productId, last]]));
      tx.afterCommit(() => ctx.bus.publish(productId, last));
    }
  });
}

/**
 * Appends rows to the activity log in the order given, a multi-row INSERT at a time, each batch
 * taking its block of the product's event numbers (the product row's lock orders it against other
 * writers, as for any mutation). `end` answers the last number written.
 */
function activityLog(db: Trx, productId: number, progress: (n: number) => void) {
  let buffer: PendingEvent[] = [];
  let last: number | null = null;
  const size = Math.floor(BATCH_VARIABLES / 10);
  const flush = async () => {
    if (buffer.length === 0) return;
    const rows = buffer;
    buffer = [];
    const { last_event } = await db
      .updateTable('products')
      .set((eb) => ({ last_event: eb('last_event', '+', rows.length) }))
      .where('id', '=', productId)
      .returning('last_event')
      .executeTakeFirstOrThrow();
    let n = Number(last_event) - rows.length;
    await db
      .insertInto('activity')
      .values(
        rows.map((e) => ({
          product_id: productId,
          event_number: ++n,
          actor_id: e.actorId,
          entity_type: e.entityType,
          entity_id: e.entityId,
          item_id: e.itemId,
          action: e.action,
          before: e.before,
          after: e.after,
          created_at: e.at,
        })),
      )
      .execute();
    last = Number(last_event);
    progress(rows.length);
  };
  return {
    async append(e: PendingEvent) {
      buffer.push(e);
      if (buffer.length >= size) await flush();
    },
    async end(): Promise<number | null> {
      await flush();
      return last;
    },
  };
}

/** The items whole, a chunk at a time: read again from the file when the parser kept only the plan. */
async function* wholeItems(source: ImportSource, size: number): AsyncGenerator<SourceItem[]> {
  if (source.reread) {
    yield* source.reread(size);
    return;
  }
  for (let i = 0; i < source.items.length; i += size) yield source.items.slice(i, i + size);
}

/** Splits rows into INSERTs of at most BATCH_VARIABLES bound values (`columns` per row). */
function* batches<T>(rows: T[], columns: number): Generator<T[]> {
  const size = Math.max(1, Math.floor(BATCH_VARIABLES / columns));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
