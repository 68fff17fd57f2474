import fs from 'node:fs';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Conn, Database, ProductRow } from '../../db/schema.js';
import type { FileStore } from '../attachments/file-store.js';
import { entityKind, translateChange, type RefKind } from './activity-ids.js';
import { ORDO_EXPORT_VERSION } from './ordo-format.js';
import type { Clock } from '../context.js';

/** Rows read per query: the writer holds one page at a time, whatever the product's size. */
const PAGE = 1000;

/** Bytes of an attachment read at a time: a multiple of 3, so each piece is whole base64. */
const CONTENT_CHUNK = 3 * 64 * 1024;

const bool = (v: number) => v === 1;
const parseJson = (s: string | null) => (s ? (JSON.parse(s) as Record<string, unknown>) : null);

type Person = { ref: number; email: string; name: string };

/**
 * References for the file (see ordo-format.ts): database id → reference per kind. Items are
 * referenced by number; people are all known before the first row (`people` comes first); the rest
 * get theirs as their section is written, in id order, so an import (which inserts in that order)
 * exported again gives the same references.
 */
class Refs {
  private readonly maps = new Map<RefKind, Map<number, number>>();

  private map(kind: RefKind) {
    let m = this.maps.get(kind);
    if (!m) this.maps.set(kind, (m = new Map()));
    return m;
  }

  /** Gives the next reference of `kind` to `id` (sections call this in id order). */
  assign(kind: RefKind, id: number): number {
    const m = this.map(kind);
    const ref = m.size + 1;
    m.set(id, ref);
    return ref;
  }

  set(kind: RefKind, id: number, ref: number) {
    this.map(kind).set(id, ref);
  }

  /** The reference of an id; 0 for a row that no longer exists. */
  of = (kind: RefKind, id: number): number => this.maps.get(kind)?.get(id) ?? 0;

  ofNullable = (kind: RefKind, id: number | null): number | null => (id === null ? null : this.of(kind, id));
}

type Fetch<R> = (afterId: number, limit: number) => Promise<R[]>;

/** Pages of a product's rows by id: `fetch(afterId)` reads the next page. */
async function* pages<R extends { id: number }>(fetch: Fetch<R>): AsyncGenerator<R[]> {
  let after = 0;
  for (;;) {
    const rows = await fetch(after, PAGE);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Tables whose rows carry their product, and tables whose rows belong to an item. */
type ProductTable =
  | 'workflow_states'
  | 'releases'
  | 'sprints'
  | 'items'
  | 'item_links'
  | 'questions'
  | 'decisions'
  | 'requests'
  | 'status_updates'
  | 'share_links'
  | 'attachments';
type ItemTable = 'comments' | 'acceptance_criteria';

/** A row of a section as text: JSON, or pieces of it read as they are written (an attachment's bytes). */
type Rendered = string | AsyncIterable<string>;

/**
 * Everyone the product's rows name, by e-mail: written first, so every row's person reference is
 * known when the row is written (and an importer knows them all before it reads a row). Ids
 * inside the log's before/after (an assignee, an author) name members, whom this includes.
 */
async function peopleOf(db: Conn, pid: number): Promise<{ id: number; email: string; name: string }[]> {
  const named = sql`
    SELECT user_id AS id FROM memberships WHERE product_id = ${pid}
    UNION SELECT assignee_id FROM items WHERE product_id = ${pid}
    UNION SELECT created_by FROM items WHERE product_id = ${pid}
    UNION SELECT c.author_id FROM comments c JOIN items i ON i.id = c.item_id WHERE i.product_id = ${pid}
    UNION SELECT c.accepted_by FROM acceptance_criteria c JOIN items i ON i.id = c.item_id WHERE i.product_id = ${pid}
    UNION SELECT asker_id FROM questions WHERE product_id = ${pid}
    UNION SELECT addressee_id FROM questions WHERE product_id = ${pid}
    UNION SELECT answered_by FROM questions WHERE product_id = ${pid}
    UNION SELECT decided_by FROM decisions WHERE product_id = ${pid}
    UNION SELECT requester_id FROM requests WHERE product_id = ${pid}
    UNION SELECT triaged_by FROM requests WHERE product_id = ${pid}
    UNION SELECT v.user_id FROM request_votes v JOIN requests r ON r.id = v.request_id WHERE r.product_id = ${pid}
    UNION SELECT c.added_by FROM request_customers c JOIN requests r ON r.id = c.request_id WHERE r.product_id = ${pid}
    UNION SELECT author_id FROM status_updates WHERE product_id = ${pid}
    UNION SELECT published_by FROM status_updates WHERE product_id = ${pid}
    UNION SELECT corrected_by FROM status_updates WHERE product_id = ${pid}
    UNION SELECT created_by FROM share_links WHERE product_id = ${pid}
    UNION SELECT uploader_id FROM attachments WHERE product_id = ${pid}
    UNION SELECT actor_id FROM activity WHERE product_id = ${pid}
    UNION SELECT entity_id FROM activity WHERE product_id = ${pid} AND entity_type = 'member'`;
  const rows = await sql<{ id: number; email: string; name: string }>`SELECT id, email, name FROM users WHERE id IN (${named})`.execute(db);
  // By e-mail, compared as code points: the same people in the same order in any database.
  return rows.rows.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : a.id - b.id));
}

/** An attachment's file as base64, read a piece at a time; `null` when the file is missing from the store. */
async function* base64Of(path: string): AsyncGenerator<string> {
  let carry = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(path, { highWaterMark: CONTENT_CHUNK }) as AsyncIterable<Buffer>) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 3);
    if (whole) yield bytes.subarray(0, whole).toString('base64');
    carry = Buffer.from(bytes.subarray(whole));
  }
  if (carry.length) yield carry.toString('base64');
}

/**
 * The product as an Ordo export (ordo-format.ts), written as it is read: each section is paged
 * from the database and handed on page by page, and an attachment's file a piece at a time, so
 * memory holds one page and the reference maps (a few numbers per row), never the file. The
 * caller has checked access.
 */
export async function* writeOrdoExport(db: Conn, clock: Clock, checked: ProductRow, files?: FileStore): AsyncGenerator<string> {
  // The caller's row was read before the snapshot began. Read it again as the snapshot's first query,
  // so lastEvent and nextItemNumber agree with every row below even if a write landed in between.
  const product = await db.selectFrom('products').selectAll().where('id', '=', checked.id).executeTakeFirstOrThrow();
  const refs = new Refs();
  const pid = product.id;
  refs.set('product', pid, 1);
  const anyDb = db as unknown as Kysely<any>;

  /** A page of a product table's rows by id, for the caller to choose the columns of. */
  const pageOf = (table: ProductTable, after: number, limit: number) =>
    anyDb.selectFrom(table).where('product_id', '=', pid).where('id', '>', after).orderBy('id').limit(limit);
  /** A product table's rows, a page at a time by id. */
  const ofProduct =
    <T extends ProductTable>(table: T): Fetch<Selectable<Database[T]>> =>
    (after, limit) =>
      pageOf(table, after, limit).selectAll().execute() as Promise<Selectable<Database[T]>[]>;
  /** The rows of the product's items in an item table, a page at a time by id. */
  const ofItems =
    <T extends ItemTable>(table: T): Fetch<Selectable<Database[T]>> =>
    (after, limit) =>
      anyDb
        .selectFrom(`${table as string} as row`)
        .innerJoin('items', 'items.id', 'row.item_id')
        .selectAll('row')
        .where('items.product_id', '=', pid)
        .where('row.id', '>', after)
        .orderBy('row.id')
        .limit(limit)
        .execute() as Promise<Selectable<Database[T]>[]>;

  /** One array section: its rows, a page at a time, as `render` writes each. */
  const section = async function* <R extends { id: number }>(name: string, fetch: Fetch<R>, render: (row: R) => Rendered) {
    yield `,\n${JSON.stringify(name)}:[`;
    let first = true;
    for await (const rows of pages(fetch)) {
      let text = '';
      for (const row of rows) {
        const out = render(row);
        text += first ? '\n' : ',\n';
        first = false;
        if (typeof out === 'string') text += out;
        else {
          yield text;
          text = '';
          yield* out;
        }
      }
      if (text) yield text;
    }
    yield first ? ']' : '\n]';
  };
  const json =
    <R>(present: (row: R) => unknown) =>
    (row: R): Rendered =>
      JSON.stringify(present(row));

  // Read before the first byte is handed on, like the product: every later page reads the same snapshot.
  const people: Person[] = (await peopleOf(db, pid)).map((u) => ({ ref: refs.assign('person', u.id), email: u.email, name: u.name }));
  yield `{"ordoExport":${ORDO_EXPORT_VERSION},"exportedAt":${JSON.stringify(clock.now().toISOString())}`;
  yield `,\n"product":${JSON.stringify({
    key: product.key,
    name: product.name,
    vision: product.vision,
    createdAt: product.created_at,
    updatedAt: product.updated_at,
    archivedAt: product.archived_at,
    lastEvent: product.last_event,
    nextItemNumber: product.next_item_number,
    version: product.version,
  })}`;

  yield `,\n"people":${JSON.stringify(people)}`;

  yield* section(
    'states',
    ofProduct('workflow_states'),
    json((s) => ({
      ref: refs.assign('state', s.id),
      name: s.name,
      category: s.category,
      position: s.position,
      wipLimit: s.wip_limit,
      entryRules: JSON.parse(s.entry_rules) as string[],
      version: s.version,
    })),
  );

  // Members in the order of their people, which does not depend on one database's user ids.
  const members = (await db.selectFrom('memberships').selectAll().where('product_id', '=', pid).execute())
    .map((m) => ({ person: refs.of('person', m.user_id), role: m.role, createdAt: m.created_at }))
    .sort((a, b) => a.person - b.person);
  yield `,\n"members":${JSON.stringify(members)}`;

  yield* section(
    'releases',
    ofProduct('releases'),
    json((r) => ({
      ref: refs.assign('release', r.id),
      name: r.name,
      description: r.description,
      targetDate: r.target_date,
      createdAt: r.created_at,
      releasedAt: r.released_at,
      version: r.version,
    })),
  );

  yield* section(
    'sprints',
    ofProduct('sprints'),
    json((s) => ({
      ref: refs.assign('sprint', s.id),
      name: s.name,
      goal: s.goal,
      startDate: s.start_date,
      endDate: s.end_date,
      state: s.state,
      createdAt: s.created_at,
      startedAt: s.started_at,
      closedAt: s.closed_at,
      completedPoints: s.completed_points,
      completedItems: s.completed_items,
      version: s.version,
      recordedAt: s.recorded_at,
    })),
  );

  // Items are referenced by number, and a parent may come after its child: read the numbers first.
  const numbers: Fetch<{ id: number; number: number }> = (after, limit) => pageOf('items', after, limit).select(['id', 'number']).execute();
  for await (const rows of pages(numbers)) for (const r of rows) refs.set('item', r.id, r.number);
  // Questions, decisions and requests name each other in either direction; they are few.
  for (const kind of ['question', 'decision', 'request'] as const) {
    const table = kind === 'question' ? 'questions' : kind === 'decision' ? 'decisions' : 'requests';
    const ids = await db.selectFrom(table).select('id').where('product_id', '=', pid).orderBy('id').execute();
    for (const r of ids) refs.assign(kind, r.id);
  }

  yield* section(
    'items',
    ofProduct('items'),
    json((i) => ({
      ref: i.number,
      key: i.key,
      type: i.type,
      title: i.title,
      description: i.description,
      state: refs.of('state', i.state_id),
      rank: i.rank,
      estimate: i.estimate,
      businessValue: i.business_value,
      timeCriticality: i.time_criticality,
      riskReduction: i.risk_reduction,
      jobSize: i.job_size,
      riceReach: i.rice_reach,
      riceImpact: i.rice_impact,
      riceConfidence: i.rice_confidence,
      riceEffort: i.rice_effort,
      labels: JSON.parse(i.labels) as string[],
      assignee: refs.ofNullable('person', i.assignee_id),
      parent: refs.ofNullable('item', i.parent_id),
      sprint: refs.ofNullable('sprint', i.sprint_id),
      release: refs.ofNullable('release', i.release_id),
      blocked: bool(i.blocked),
      blockedReason: i.blocked_reason,
      blockedSince: i.blocked_since,
      blockedSeconds: i.blocked_seconds,
      createdBy: refs.ofNullable('person', i.created_by),
      createdAt: i.created_at,
      updatedAt: i.updated_at,
      stateEnteredAt: i.state_entered_at,
      startedAt: i.started_at,
      doneAt: i.done_at,
      deletedAt: i.deleted_at,
      version: i.version,
      openQuestions: i.open_questions,
      requestCount: i.request_count,
      requestVotes: i.request_votes,
      requestCustomers: i.request_customers,
    })),
  );

  yield* section(
    'comments',
    ofItems('comments'),
    json((c) => ({
      ref: refs.assign('comment', c.id),
      item: refs.of('item', c.item_id),
      author: refs.of('person', c.author_id),
      body: c.body,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      deletedAt: c.deleted_at,
    })),
  );

  yield* section(
    'criteria',
    ofItems('acceptance_criteria'),
    json((c) => ({
      ref: refs.assign('criterion', c.id),
      item: refs.of('item', c.item_id),
      text: c.text,
      position: c.position,
      accepted: bool(c.accepted),
      acceptedBy: refs.ofNullable('person', c.accepted_by),
      acceptedAt: c.accepted_at,
      createdAt: c.created_at,
    })),
  );

  yield* section(
    'links',
    ofProduct('item_links'),
    json((l) => ({
      ref: refs.assign('link', l.id),
      from: refs.of('item', l.from_item_id),
      to: refs.of('item', l.to_item_id),
      kind: l.kind,
      createdAt: l.created_at,
    })),
  );

  const records = await db
    .selectFrom('sprint_record_items')
    .innerJoin('sprints', 'sprints.id', 'sprint_record_items.sprint_id')
    .selectAll('sprint_record_items')
    .where('sprints.product_id', '=', pid)
    .orderBy('sprint_record_items.sprint_id')
    .orderBy('sprint_record_items.position')
    .orderBy('sprint_record_items.item_id')
    .execute();
  yield `,\n"sprintRecords":[${records
    .map((r) =>
      JSON.stringify({
        sprint: refs.of('sprint', r.sprint_id),
        item: refs.of('item', r.item_id),
        itemKey: r.item_key,
        title: r.title,
        type: r.type,
        position: r.position,
        committed: bool(r.committed),
        added: bool(r.added),
        outcome: r.outcome,
        startPoints: r.start_points,
        joinedPoints: r.joined_points,
        endPoints: r.end_points,
      }),
    )
    .join(',\n')}]`;

  yield* section(
    'questions',
    ofProduct('questions'),
    json((q) => ({
      ref: refs.of('question', q.id),
      item: refs.ofNullable('item', q.item_id),
      asker: refs.of('person', q.asker_id),
      addressee: refs.ofNullable('person', q.addressee_id),
      body: q.body,
      state: q.state,
      createdAt: q.created_at,
      answer: q.answer,
      answeredBy: refs.ofNullable('person', q.answered_by),
      answeredAt: q.answered_at,
      decision: refs.ofNullable('decision', q.decision_id),
    })),
  );

  const decisionItems = new Map<number, number[]>();
  for (const d of await db
    .selectFrom('decision_items')
    .innerJoin('decisions', 'decisions.id', 'decision_items.decision_id')
    .select(['decision_items.decision_id', 'decision_items.item_id'])
    .where('decisions.product_id', '=', pid)
    .execute())
    decisionItems.set(d.decision_id, [...(decisionItems.get(d.decision_id) ?? []), refs.of('item', d.item_id)]);
  yield* section(
    'decisions',
    ofProduct('decisions'),
    json((d) => ({
      ref: refs.of('decision', d.id),
      question: refs.ofNullable('question', d.question_id),
      title: d.title,
      body: d.body,
      decidedBy: refs.ofNullable('person', d.decided_by),
      decidedAt: d.decided_at,
      supersedes: refs.ofNullable('decision', d.supersedes_id),
      supersededBy: refs.ofNullable('decision', d.superseded_by_id),
      items: (decisionItems.get(d.id) ?? []).sort((a, b) => a - b),
    })),
  );

  yield* section(
    'requests',
    async (after, limit) => {
      const rows = await ofProduct('requests')(after, limit);
      const ids = rows.map((r) => r.id);
      const votes = ids.length
        ? await db.selectFrom('request_votes').selectAll().where('request_id', 'in', ids).orderBy('request_id').orderBy('user_id').execute()
        : [];
      const customers = ids.length
        ? await db
            .selectFrom('request_customers')
            .selectAll()
            .where('request_id', 'in', ids)
            .orderBy('request_id')
            .orderBy('customer_key')
            .execute()
        : [];
      return rows.map((r) => ({
        ...r,
        voters: votes.filter((v) => v.request_id === r.id),
        customerList: customers.filter((c) => c.request_id === r.id),
      }));
    },
    json((r) => ({
      ref: refs.of('request', r.id),
      title: r.title,
      description: r.description,
      customer: r.customer,
      impact: r.impact,
      link: r.link,
      requester: refs.of('person', r.requester_id),
      state: r.state,
      item: refs.ofNullable('item', r.item_id),
      mergedInto: refs.ofNullable('request', r.merged_into_id),
      declineReason: r.decline_reason,
      triagedBy: refs.ofNullable('person', r.triaged_by),
      triagedAt: r.triaged_at,
      shippedAt: r.shipped_at,
      votes: r.votes,
      customers: r.customers,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      voters: r.voters.map((v) => ({ person: refs.of('person', v.user_id), createdAt: v.created_at })).sort((a, b) => a.person - b.person),
      customerList: r.customerList.map((c) => ({
        key: c.customer_key,
        customer: c.customer,
        addedBy: refs.ofNullable('person', c.added_by),
        createdAt: c.created_at,
      })),
    })),
  );

  yield* section(
    'statusUpdates',
    ofProduct('status_updates'),
    json((u) => ({
      ref: refs.assign('status_update', u.id),
      state: u.state,
      body: u.body,
      health: u.health,
      suggestedHealth: u.suggested_health,
      suggestedReason: u.suggested_reason,
      since: u.since,
      author: refs.ofNullable('person', u.author_id),
      createdAt: u.created_at,
      updatedAt: u.updated_at,
      publishedAt: u.published_at,
      publishedBy: refs.ofNullable('person', u.published_by),
      correctedAt: u.corrected_at,
      correctedBy: refs.ofNullable('person', u.corrected_by),
      correctionNote: u.correction_note,
      version: u.version,
    })),
  );

  yield* section(
    'shareLinks',
    ofProduct('share_links'),
    json((l) => ({
      ref: refs.assign('share_link', l.id),
      label: l.label,
      tokenHash: l.token_hash,
      showUpdates: bool(l.show_updates),
      showForecasts: bool(l.show_forecasts),
      showRoadmap: bool(l.show_roadmap),
      createdBy: refs.ofNullable('person', l.created_by),
      createdAt: l.created_at,
      expiresAt: l.expires_at,
      revokedAt: l.revoked_at,
      lastOpenedAt: l.last_opened_at,
      openCount: l.open_count,
    })),
  );

  yield* section('attachments', ofProduct('attachments'), (a) => {
    const meta = JSON.stringify({
      ref: refs.assign('attachment', a.id),
      item: refs.of('item', a.item_id),
      uploader: refs.ofNullable('person', a.uploader_id),
      name: a.name,
      contentType: a.content_type,
      size: Number(a.size),
      sha256: a.sha256,
      createdAt: a.created_at,
    }).slice(0, -1);
    if (!files) throw new Error('an export of attachments needs the file store (ServiceContext.files)');
    const file = files.pathOf(a.sha256);
    // A file gone from the store (removed by hand) is said so, rather than failing the whole export.
    if (!fs.existsSync(file)) return `${meta},"content":null}`;
    return (async function* () {
      yield `${meta},"content":"`;
      yield* base64Of(file);
      yield '"}';
    })();
  });

  yield* section(
    'activity',
    (after, limit) =>
      db
        .selectFrom('activity')
        .selectAll()
        .where('product_id', '=', pid)
        .where('event_number', '>', after)
        .orderBy('event_number')
        .limit(limit)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, id: r.event_number }))),
    json((a) => {
      const kind = entityKind(a.entity_type);
      return {
        n: a.event_number,
        actor: refs.ofNullable('person', a.actor_id),
        entityType: a.entity_type,
        entity: kind ? refs.of(kind, a.entity_id) : a.entity_id,
        item: refs.ofNullable('item', a.item_id),
        action: a.action,
        before: translateChange(a.entity_type, parseJson(a.before), refs.of),
        after: translateChange(a.entity_type, parseJson(a.after), refs.of),
        at: a.created_at,
      };
    }),
  );

  yield `\n}\n`;
}
