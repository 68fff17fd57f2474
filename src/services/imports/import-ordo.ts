import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { Conn, Database, Trx } from '../../db/schema.js';
import { refreshStatistics } from '../../db/statistics.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { ZProductKey } from '../../contract/common.js';
import type { TImportReport } from '../../contract/imports.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import type { FileStore } from '../attachments/file-store.js';
import { removeUnusedFiles } from '../attachments/attachments.js';
import { entityKind, translateChange, type RefKind } from '../exports/activity-ids.js';
import { sprintRecordRow } from '../sprints/sprint-record.js';
import type { SprintOutcome } from '../../domain/sprint-record.js';
import {
  OPTIONAL_SECTIONS,
  SECTIONS,
  ZExportActivity,
  ZExportAttachmentMeta,
  ZExportComment,
  ZExportCriterion,
  ZExportDecision,
  ZExportItem,
  ZExportLink,
  ZExportMember,
  ZExportPerson,
  ZExportProduct,
  ZExportQuestion,
  ZExportRelease,
  ZExportRequest,
  ZExportShareLink,
  ZExportSprint,
  ZExportSprintRecord,
  ZExportState,
  ZExportStatusUpdate,
  ZOrdoExport,
  type TOrdoExport,
} from '../exports/ordo-format.js';
import { failAt as fail, readOrdoEvents, type ArraySection, type ContentSink, type OrdoEvent, type ReadOptions } from './ordo-reader.js';

/** What an import made, for the CLI and the API to report. */
export interface OrdoImportReport {
  productKey: string;
  items: number;
  comments: number;
  activity: number;
  attachments: number;
  people: { matched: number; created: number };
}

/**
 * An Ordo export to import: a file (read as a stream, and read again from the start when its
 * `people` come after the rows that name them, as version 1 wrote them) or one already parsed.
 */
export type OrdoSource = { open: () => Readable } | TOrdoExport;

export const ordoFile = (path: string): OrdoSource => ({ open: () => fs.createReadStream(path) });

/** A password hash that matches no password: people created by an import sign in once an admin sets theirs. */
const NO_PASSWORD = 'imported$no-password';

/** Rows written per batch: memory holds one batch of a section, whatever the file's size. */
const BATCH = 500;

/**
 * Reads an Ordo export (src/services/exports/ordo-format.ts) from its text and checks it, naming
 * the JSON path of the first problem.
 */
export function parseOrdoExport(text: string): TOrdoExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw fail('(file)', `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return checkOrdoExport(value);
}

/**
 * Reads a whole Ordo export from a stream into memory, checked as parseOrdoExport checks it (the
 * import itself never does this: it writes each row as it reads it).
 */
export async function readOrdoExport(input: Readable): Promise<TOrdoExport> {
  const file: Record<string, unknown> = {};
  for await (const e of readOrdoEvents(input)) {
    if (e.kind === 'version') file.ordoExport = e.version;
    else if (e.kind === 'value') file[e.section] = e.value;
    else if (e.kind === 'start') file[e.section] = [];
    else if (e.kind === 'row') (file[e.section] as unknown[]).push(e.value);
  }
  return checkOrdoExport(file);
}

function checkOrdoExport(value: unknown): TOrdoExport {
  if (!value || typeof value !== 'object' || !('ordoExport' in value))
    throw fail('(file)', 'is not an Ordo export (it has no "ordoExport" version)');
  const parsed = ZOrdoExport.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(jsonPath(issue.path), issue.message);
  }
  return parsed.data;
}

const jsonPath = (path: PropertyKey[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}${s ? '.' : ''}${String(p)}`), '') || '(file)';

function requireAdmin(actor: Actor) {
  if (!actor.isAdmin) throw forbidden('Only an admin can import an Ordo export, since it brings its people along');
}

/** Each section's row, checked one row at a time as it is read. */
const ROWS = {
  people: ZExportPerson,
  states: ZExportState,
  members: ZExportMember,
  releases: ZExportRelease,
  sprints: ZExportSprint,
  items: ZExportItem,
  comments: ZExportComment,
  criteria: ZExportCriterion,
  links: ZExportLink,
  sprintRecords: ZExportSprintRecord,
  questions: ZExportQuestion,
  decisions: ZExportDecision,
  requests: ZExportRequest,
  statusUpdates: ZExportStatusUpdate,
  shareLinks: ZExportShareLink,
  attachments: ZExportAttachmentMeta,
  activity: ZExportActivity,
} satisfies Record<ArraySection, z.ZodType>;

type RowOf<S extends ArraySection> = z.infer<(typeof ROWS)[S]>;
type Indexed<S extends ArraySection> = { row: RowOf<S>; i: number };

function check<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const rest = jsonPath(issue.path);
  throw fail(rest === '(file)' ? path : `${path}.${rest}`.replace('.[', '['), issue.message);
}

/** The order sections must come in (each after those its rows name); `people` may come anywhere. */
const ORDER = SECTIONS.filter((s) => s !== 'people');

/** Thrown when rows that name people come before `people` (version 1): the file is read for its people first. */
class PeopleComeLater extends Error {}

/** What an attachment's content turned out to be once read: its bytes' hash and size, or missing. */
type StoredContent = { sha256: string; size: number } | null;

/**
 * Imports an Ordo export as a new product `key` (the file's own key when absent), in one
 * transaction: everything or, on any problem, nothing. The file is read as a stream and each row
 * written as it is read (a batch at a time), so memory holds a batch and the reference maps (a
 * few numbers per row), never the file. People are matched to users by e-mail and created
 * (without a password) when missing; the activity log is copied with its event numbers, so
 * history, flow charts and forecasts read as they did where it was exported. Attachments' files
 * go into the file store as they are read; those a failed import wrote are removed again.
 */
export async function importOrdo(
  ctx: ServiceContext,
  actor: Actor,
  input: { file: OrdoSource; key?: string; onBytes?: (bytes: number) => void },
): Promise<OrdoImportReport> {
  return (await runImport(ctx, actor, input)).result();
}

async function runImport(
  ctx: ServiceContext,
  actor: Actor,
  input: { file: OrdoSource; key?: string; onBytes?: (bytes: number) => void; keepPeople?: boolean },
): Promise<OrdoImport> {
  requireAdmin(actor);
  if (input.key !== undefined) await checkKey(ctx.db, input.key);
  const created = new Set<string>();
  try {
    const imported = await mutate(ctx, async (tx) => {
      const run = new OrdoImport(tx.db, {
        key: input.key,
        now: tx.clock.now().toISOString(),
        files: ctx.files,
        created,
        keepPeople: input.keepPeople,
      });
      try {
        await readAll(input.file, run, input.onBytes);
      } catch (e) {
        run.abort();
        throw e;
      }
      return run;
    });
    await refreshStatistics(ctx.db, ctx.dialect);
    return imported;
  } catch (e) {
    // The rows are gone with the transaction; the files it wrote go too, unless something else uses them now.
    if (ctx.files && created.size) await removeUnusedFiles(ctx.db, ctx.files, [...created]).catch(() => {});
    throw e;
  }
}

async function checkKey(db: Conn, key: string) {
  if (!ZProductKey.safeParse(key).success) throw fail('key', 'must be 2–10 capital letters or digits, starting with a letter');
  const taken = await db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirst();
  if (taken)
    throw new AppError('conflict', `Product key ${key} is taken; import into a new key with --product`, {
      fields: [{ path: 'key', message: 'is taken' }],
    });
}

/** Feeds a source's events to an import: a second read for a file whose people come last. */
async function readAll(source: OrdoSource, run: OrdoImport, onBytes?: (bytes: number) => void) {
  if (!('open' in source)) {
    for await (const e of eventsOf(source, run.contentSink)) await run.handle(e);
    return run.finish();
  }
  const stream = (opts: ReadOptions) => readOrdoEvents(source.open(), { content: run.contentSink, ...opts });
  try {
    for await (const e of stream({ onBytes })) await run.handle(e);
  } catch (e) {
    if (!(e instanceof PeopleComeLater)) throw e;
    // Nothing is written before the people are known: read them, then the file again without them.
    for await (const e of stream({ skip: (s) => s !== 'people' }))
      if (e.kind !== 'value' && (e.kind === 'version' || e.section === 'people')) await run.handle(e);
    for await (const e of stream({ skip: (s) => s === 'people', onBytes })) await run.handle(e);
  }
  return run.finish();
}

/** An export already in memory as events, in the order the writer streams them. */
async function* eventsOf(file: TOrdoExport, content: (index: number) => ContentSink): AsyncGenerator<OrdoEvent> {
  yield { kind: 'version', version: file.ordoExport };
  yield { kind: 'value', section: 'exportedAt', value: file.exportedAt };
  yield { kind: 'value', section: 'product', value: file.product };
  for (const section of SECTIONS) {
    if (section === 'product') continue;
    yield { kind: 'start', section };
    const rows = file[section] as unknown[];
    for (const [index, row] of rows.entries()) {
      if (section === 'attachments') {
        const { content: text, ...meta } = row as TOrdoExport['attachments'][number];
        let stored: unknown = null;
        if (text !== null) {
          const sink = content(index);
          await sink.write(text);
          stored = await sink.end();
        }
        yield { kind: 'row', section, index, value: { ...meta, content: stored } };
      } else yield { kind: 'row', section, index, value: row };
    }
    yield { kind: 'end', section, count: rows.length };
  }
}

type Tables = keyof Database;

/** Statement size: both databases bind at most ~32,000 parameters per statement. */
const chunkOf = (columns: number) => Math.max(1, Math.floor(30_000 / Math.max(1, columns)));

/**
 * One import (or, with no database, its dry run: the same reading and checking, nothing written,
 * and each row's id is its reference).
 */
class OrdoImport {
  private readonly ids = new Map<RefKind, Map<number, number>>();
  private version = 0;
  private product: (z.infer<typeof ZExportProduct> & { key: string }) | null = null;
  private pid = 0;
  private peopleSeen = false;
  private lastSection = -1;
  private readonly sections = new Set<string>();
  private readonly batch: { row: unknown; i: number }[] = [];
  /** references to rows later in the file, set once the section they name is written */
  private readonly later: {
    table: 'items' | 'questions' | 'decisions' | 'requests';
    id: number;
    set: () => Record<string, number | null>;
  }[] = [];
  private readonly shareHashes = new Set<string>();
  /** the attachment being written to the store, ended (and its partial file removed) when the import fails */
  private writing: PassThrough | null = null;

  readonly counts = {
    people: 0,
    peopleCreated: 0,
    items: 0,
    comments: 0,
    criteria: 0,
    sprints: 0,
    activity: 0,
    attachments: 0,
    labels: new Set<string>(),
    byType: new Map<string, number>(),
    byState: new Map<number, number>(),
    states: [] as { ref: number; name: string; category: string; position: number }[],
    /** each person of the file and the user they matched before the import (kept for a report) */
    peopleList: [] as { name: string; userId: number | null }[],
  };

  constructor(
    private readonly db: Trx | null,
    private readonly opts: {
      key?: string;
      now: string;
      files?: FileStore;
      created?: Set<string>;
      keepPeople?: boolean;
      /** the database a dry run reads (it writes nothing) */
      root?: Conn;
    },
  ) {}

  private map(kind: RefKind) {
    let m = this.ids.get(kind);
    if (!m) this.ids.set(kind, (m = new Map()));
    return m;
  }

  private need = (kind: RefKind, ref: number, path: string): number => {
    const id = this.map(kind).get(ref);
    if (id === undefined) throw fail(path, `names ${kind} ${ref}, which the file does not have`);
    return id;
  };

  private maybe = (kind: RefKind, ref: number | null, path: string) => (ref === null ? null : this.need(kind, ref, path));

  get key() {
    return this.product!.key;
  }

  get productName() {
    return this.product?.name ?? '';
  }

  /** Where an attachment's content goes as it is read: into the file store (hashed on the way), or only hashed on a dry run. */
  contentSink = (index: number): ContentSink => {
    const path = `attachments[${index}].content`;
    const hash = createHash('sha256');
    let size = 0;
    let carry = '';
    const files = this.db ? this.opts.files : undefined;
    if (this.db && !files) throw fail(path, 'cannot be stored: this Ordo has no attachments directory');
    const body = files ? new PassThrough() : null;
    body?.on('error', () => {});
    this.writing = body;
    // No size limit here: the file was accepted where it was exported, and the import's own size is capped.
    const stored = files?.put(body!, Number.POSITIVE_INFINITY);
    stored?.catch(() => {});
    const bytes = async (b: Buffer) => {
      hash.update(b);
      size += b.length;
      if (body && !body.write(b)) await Promise.race([once(body, 'drain'), stored]);
    };
    return {
      write: async (text) => {
        if (!/^[A-Za-z0-9+/=]*$/.test(text)) throw fail(path, 'must be base64');
        const all = carry + text;
        const whole = all.length - (all.length % 4);
        carry = all.slice(whole);
        if (whole) await bytes(Buffer.from(all.slice(0, whole), 'base64'));
      },
      end: async (): Promise<StoredContent> => {
        if (carry) await bytes(Buffer.from(carry, 'base64'));
        const sha256 = hash.digest('hex');
        if (body) {
          body.end();
          const file = await stored!;
          this.writing = null;
          if (file.created) this.opts.created?.add(file.sha256);
        }
        return { sha256, size };
      },
    };
  };

  /** Stops a file being written when the import fails part way through it. */
  abort() {
    this.writing?.destroy(new Error('the import failed'));
    this.writing = null;
  }

  async handle(e: OrdoEvent): Promise<void> {
    if (e.kind === 'version') {
      this.version = e.version;
      return;
    }
    if (e.kind === 'value') {
      if (e.section === 'product') {
        const p = check(ZExportProduct, e.value, 'product');
        const key = this.opts.key ?? p.key;
        if (this.opts.key === undefined && this.db) await checkKey(this.db, key);
        this.product = { ...p, key };
        // Importing under another key renames item keys inside the history too.
        const oldPrefix = `${p.key}-`;
        this.renameKey = key === p.key ? undefined : (k: string) => (k.startsWith(oldPrefix) ? `${key}-${k.slice(oldPrefix.length)}` : k);
      }
      return;
    }
    const section = e.section;
    if (e.kind === 'start') {
      if (section !== 'people') {
        const at = ORDER.indexOf(section);
        if (at < this.lastSection)
          throw fail(
            section,
            `must come before ${ORDER[this.lastSection]}, as ordo export writes it (each section after those its rows name)`,
          );
        this.lastSection = at;
        if (!this.product) throw fail(section, 'comes before product; an Ordo export starts with its product');
        if (!this.peopleSeen) throw new PeopleComeLater();
        await this.writeProduct();
      }
      this.sections.add(section);
      return;
    }
    if (e.kind === 'row') {
      this.batch.push({ row: check(ROWS[section] as z.ZodType, e.value, `${section}[${e.index}]`), i: e.index });
      if (section === 'attachments')
        (this.batch[this.batch.length - 1]!.row as Record<string, unknown>).content = (e.value as { content: unknown }).content;
      if (this.batch.length >= BATCH) await this.flush(section);
      return;
    }
    await this.flush(section);
    if (section === 'people') this.peopleSeen = true;
  }

  private async flush(section: ArraySection) {
    const rows = this.batch.splice(0);
    await this.write(section, rows as never);
  }

  private async writeProduct() {
    if (this.pid || !this.db) {
      this.map('product').set(1, this.pid);
      return;
    }
    const p = this.product!;
    const product = await this.db
      .insertInto('products')
      .values({
        key: p.key,
        name: p.name,
        vision: p.vision,
        last_event: p.lastEvent,
        next_item_number: p.nextItemNumber,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
        archived_at: p.archivedAt,
        version: p.version,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.pid = product.id;
    this.map('product').set(1, this.pid);
  }

  private insertChunks<T extends Tables>(table: T, rows: Insertable<Database[T]>[]): Promise<void> {
    return insertChunks(this.db, table, rows);
  }

  private insertMapped<T extends Tables, R extends { ref: number }>(
    table: T,
    kind: RefKind,
    rows: { row: R; i: number }[],
    toRow: (row: R, index: number) => Insertable<Database[T]>,
  ): Promise<void> {
    return insertMapped(this.db, table, kind, this.map(kind), rows, toRow);
  }

  private async write<S extends ArraySection>(section: S, rows: Indexed<S>[]): Promise<void> {
    if (!rows.length) return;
    const { need, maybe } = this;
    const pid = this.pid;
    const c = this.counts;
    switch (section) {
      case 'people':
        for (const { row: p, i } of rows as Indexed<'people'>[]) {
          const email = p.email.trim().toLowerCase();
          const existing = await (this.db ?? this.opts.root!)
            .selectFrom('users')
            .select('id')
            .where('email', '=', email)
            .executeTakeFirst();
          let id = existing?.id;
          if (id === undefined && this.db) {
            c.peopleCreated++;
            id = (
              await this.db
                .insertInto('users')
                .values({ email, name: p.name, password_hash: NO_PASSWORD, is_admin: 0, created_at: this.opts.now })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
          }
          if (this.map('person').has(p.ref)) throw fail(`people[${i}].ref`, `${p.ref} is used twice`);
          this.map('person').set(p.ref, id ?? -p.ref);
          c.people++;
          if (this.opts.keepPeople) c.peopleList.push({ name: p.name, userId: existing?.id ?? null });
        }
        return;
      case 'states':
        for (const { row: s } of rows as Indexed<'states'>[])
          c.states.push({ ref: s.ref, name: s.name, category: s.category, position: s.position });
        return this.insertMapped('workflow_states', 'state', rows as Indexed<'states'>[], (s) => ({
          product_id: pid,
          name: s.name,
          category: s.category,
          position: s.position,
          wip_limit: s.wipLimit,
          entry_rules: JSON.stringify(s.entryRules),
          version: s.version,
        }));
      case 'members':
        return this.insertChunks(
          'memberships',
          (rows as Indexed<'members'>[]).map(({ row: m, i }) => ({
            product_id: pid,
            user_id: need('person', m.person, `members[${i}].person`),
            role: m.role,
            created_at: m.createdAt,
          })),
        );
      case 'releases':
        return this.insertMapped('releases', 'release', rows as Indexed<'releases'>[], (r) => ({
          product_id: pid,
          name: r.name,
          description: r.description,
          target_date: r.targetDate,
          created_at: r.createdAt,
          released_at: r.releasedAt,
          version: r.version,
        }));
      case 'sprints':
        c.sprints += rows.length;
        return this.insertMapped('sprints', 'sprint', rows as Indexed<'sprints'>[], (s) => ({
          product_id: pid,
          name: s.name,
          goal: s.goal,
          start_date: s.startDate,
          end_date: s.endDate,
          state: s.state,
          created_at: s.createdAt,
          started_at: s.startedAt,
          closed_at: s.closedAt,
          completed_points: s.completedPoints,
          completed_items: s.completedItems,
          version: s.version,
          recorded_at: s.recordedAt,
        }));
      case 'items': {
        const items = rows as Indexed<'items'>[];
        const pending: { ref: number; parent: number; i: number }[] = [];
        for (const { row: it } of items) {
          c.items++;
          for (const label of it.labels) c.labels.add(label);
          if (it.deletedAt === null) {
            c.byType.set(it.type, (c.byType.get(it.type) ?? 0) + 1);
            c.byState.set(it.state, (c.byState.get(it.state) ?? 0) + 1);
          }
        }
        await this.insertMapped('items', 'item', items, (it, i) => {
          // A parent written already is set now; one further on (or in this batch) once it is written.
          const parent = it.parent === null ? null : (this.map('item').get(it.parent) ?? null);
          if (it.parent !== null && parent === null) pending.push({ ref: it.ref, parent: it.parent, i });
          return {
            product_id: pid,
            number: it.ref,
            key: `${this.key}-${it.ref}`,
            type: it.type,
            title: it.title,
            description: it.description,
            state_id: need('state', it.state, `items[${i}].state`),
            rank: it.rank,
            estimate: it.estimate,
            business_value: it.businessValue,
            time_criticality: it.timeCriticality,
            risk_reduction: it.riskReduction,
            job_size: it.jobSize,
            rice_reach: it.riceReach,
            rice_impact: it.riceImpact,
            rice_confidence: it.riceConfidence,
            rice_effort: it.riceEffort,
            labels: JSON.stringify(it.labels),
            assignee_id: maybe('person', it.assignee, `items[${i}].assignee`),
            parent_id: parent,
            sprint_id: maybe('sprint', it.sprint, `items[${i}].sprint`),
            release_id: maybe('release', it.release, `items[${i}].release`),
            blocked: it.blocked ? 1 : 0,
            blocked_reason: it.blockedReason,
            blocked_since: it.blockedSince,
            blocked_seconds: it.blockedSeconds,
            created_by: maybe('person', it.createdBy, `items[${i}].createdBy`),
            created_at: it.createdAt,
            updated_at: it.updatedAt,
            state_entered_at: it.stateEnteredAt,
            started_at: it.startedAt,
            done_at: it.doneAt,
            deleted_at: it.deletedAt,
            version: it.version,
            open_questions: it.openQuestions,
            request_count: it.requestCount,
            request_votes: it.requestVotes,
            request_customers: it.requestCustomers,
          };
        });
        for (const p of pending)
          this.later.push({
            table: 'items',
            id: this.map('item').get(p.ref)!,
            set: () => ({ parent_id: need('item', p.parent, `items[${p.i}].parent`) }),
          });
        return this.insertChunks(
          'item_labels',
          items.flatMap(({ row: it }) => it.labels.map((label) => ({ item_id: this.map('item').get(it.ref)!, product_id: pid, label }))),
        );
      }
      case 'comments':
        c.comments += rows.length;
        return this.insertMapped('comments', 'comment', rows as Indexed<'comments'>[], (cm, i) => ({
          item_id: need('item', cm.item, `comments[${i}].item`),
          author_id: need('person', cm.author, `comments[${i}].author`),
          body: cm.body,
          created_at: cm.createdAt,
          updated_at: cm.updatedAt,
          deleted_at: cm.deletedAt,
        }));
      case 'criteria':
        c.criteria += rows.length;
        return this.insertMapped('acceptance_criteria', 'criterion', rows as Indexed<'criteria'>[], (cr, i) => ({
          item_id: need('item', cr.item, `criteria[${i}].item`),
          text: cr.text,
          position: cr.position,
          accepted: cr.accepted ? 1 : 0,
          accepted_by: maybe('person', cr.acceptedBy, `criteria[${i}].acceptedBy`),
          accepted_at: cr.acceptedAt,
          created_at: cr.createdAt,
        }));
      case 'links':
        return this.insertMapped('item_links', 'link', rows as Indexed<'links'>[], (l, i) => ({
          product_id: pid,
          from_item_id: need('item', l.from, `links[${i}].from`),
          to_item_id: need('item', l.to, `links[${i}].to`),
          kind: l.kind,
          created_at: l.createdAt,
        }));
      case 'sprintRecords':
        return this.insertChunks(
          'sprint_record_items',
          (rows as Indexed<'sprintRecords'>[]).map(({ row: r, i }) =>
            sprintRecordRow(need('sprint', r.sprint, `sprintRecords[${i}].sprint`), r.position, {
              ...r,
              itemId: need('item', r.item, `sprintRecords[${i}].item`),
              key: r.itemKey,
              outcome: r.outcome as SprintOutcome,
            }),
          ),
        );
      // Questions, decisions and requests name each other: rows first, the cross references once all are written.
      case 'questions':
        await this.insertMapped('questions', 'question', rows as Indexed<'questions'>[], (q, i) => ({
          product_id: pid,
          item_id: maybe('item', q.item, `questions[${i}].item`),
          asker_id: need('person', q.asker, `questions[${i}].asker`),
          addressee_id: maybe('person', q.addressee, `questions[${i}].addressee`),
          body: q.body,
          state: q.state,
          created_at: q.createdAt,
          answer: q.answer,
          answered_by: maybe('person', q.answeredBy, `questions[${i}].answeredBy`),
          answered_at: q.answeredAt,
          decision_id: null,
        }));
        for (const { row: q, i } of rows as Indexed<'questions'>[])
          if (q.decision !== null)
            this.later.push({
              table: 'questions',
              id: this.map('question').get(q.ref)!,
              set: () => ({ decision_id: need('decision', q.decision!, `questions[${i}].decision`) }),
            });
        return;
      case 'decisions': {
        const decisions = rows as Indexed<'decisions'>[];
        await this.insertMapped('decisions', 'decision', decisions, (d, i) => ({
          product_id: pid,
          question_id: maybe('question', d.question, `decisions[${i}].question`),
          title: d.title,
          body: d.body,
          decided_by: maybe('person', d.decidedBy, `decisions[${i}].decidedBy`),
          decided_at: d.decidedAt,
          supersedes_id: null,
          superseded_by_id: null,
        }));
        for (const { row: d, i } of decisions)
          if (d.supersedes !== null || d.supersededBy !== null)
            this.later.push({
              table: 'decisions',
              id: this.map('decision').get(d.ref)!,
              set: () => ({
                supersedes_id: maybe('decision', d.supersedes, `decisions[${i}].supersedes`),
                superseded_by_id: maybe('decision', d.supersededBy, `decisions[${i}].supersededBy`),
              }),
            });
        return this.insertChunks(
          'decision_items',
          decisions.flatMap(({ row: d, i }) =>
            d.items.map((item) => ({
              decision_id: this.map('decision').get(d.ref)!,
              item_id: need('item', item, `decisions[${i}].items`),
            })),
          ),
        );
      }
      case 'requests': {
        const requests = rows as Indexed<'requests'>[];
        await this.insertMapped('requests', 'request', requests, (r, i) => ({
          product_id: pid,
          title: r.title,
          description: r.description,
          customer: r.customer,
          impact: r.impact,
          link: r.link,
          requester_id: need('person', r.requester, `requests[${i}].requester`),
          state: r.state,
          item_id: maybe('item', r.item, `requests[${i}].item`),
          merged_into_id: null,
          decline_reason: r.declineReason,
          triaged_by: maybe('person', r.triagedBy, `requests[${i}].triagedBy`),
          triaged_at: r.triagedAt,
          shipped_at: r.shippedAt,
          votes: r.votes,
          customers: r.customers,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        }));
        const id = (r: RowOf<'requests'>) => this.map('request').get(r.ref)!;
        for (const { row: r, i } of requests)
          if (r.mergedInto !== null)
            this.later.push({
              table: 'requests',
              id: id(r),
              set: () => ({ merged_into_id: need('request', r.mergedInto!, `requests[${i}].mergedInto`) }),
            });
        await this.insertChunks(
          'request_votes',
          requests.flatMap(({ row: r, i }) =>
            r.voters.map((v) => ({
              request_id: id(r),
              user_id: need('person', v.person, `requests[${i}].voters`),
              created_at: v.createdAt,
            })),
          ),
        );
        return this.insertChunks(
          'request_customers',
          requests.flatMap(({ row: r, i }) =>
            r.customerList.map((cu) => ({
              request_id: id(r),
              customer_key: cu.key,
              customer: cu.customer,
              added_by: maybe('person', cu.addedBy, `requests[${i}].customerList`),
              created_at: cu.createdAt,
            })),
          ),
        );
      }
      case 'statusUpdates':
        return this.insertMapped('status_updates', 'status_update', rows as Indexed<'statusUpdates'>[], (u, i) => ({
          product_id: pid,
          state: u.state,
          body: u.body,
          health: u.health,
          suggested_health: u.suggestedHealth,
          suggested_reason: u.suggestedReason,
          since: u.since,
          author_id: maybe('person', u.author, `statusUpdates[${i}].author`),
          created_at: u.createdAt,
          updated_at: u.updatedAt,
          published_at: u.publishedAt,
          published_by: maybe('person', u.publishedBy, `statusUpdates[${i}].publishedBy`),
          corrected_at: u.correctedAt,
          corrected_by: maybe('person', u.correctedBy, `statusUpdates[${i}].correctedBy`),
          correction_note: u.correctionNote,
          version: u.version,
        }));
      case 'shareLinks': {
        // A token hash already in this Ordo (the same export imported twice) cannot open two products:
        // the copy's link gets a hash no token has and is revoked.
        const links = rows as Indexed<'shareLinks'>[];
        const hashes = links.map(({ row: l }) => l.tokenHash);
        const taken = new Set(
          this.db
            ? (await this.db.selectFrom('share_links').select('token_hash').where('token_hash', 'in', hashes).execute()).map(
                (r) => r.token_hash,
              )
            : [],
        );
        for (const h of hashes) if (this.shareHashes.has(h)) taken.add(h);
        for (const h of hashes) this.shareHashes.add(h);
        return this.insertMapped('share_links', 'share_link', links, (l, i) => ({
          product_id: pid,
          label: l.label,
          token_hash: taken.has(l.tokenHash) ? `revoked-on-import-${randomBytes(32).toString('hex')}` : l.tokenHash,
          show_updates: l.showUpdates ? 1 : 0,
          show_forecasts: l.showForecasts ? 1 : 0,
          show_roadmap: l.showRoadmap ? 1 : 0,
          created_by: maybe('person', l.createdBy, `shareLinks[${i}].createdBy`),
          created_at: l.createdAt,
          expires_at: l.expiresAt,
          revoked_at: taken.has(l.tokenHash) ? (l.revokedAt ?? this.opts.now) : l.revokedAt,
          last_opened_at: l.lastOpenedAt,
          open_count: l.openCount,
        }));
      }
      case 'attachments': {
        const attachments = rows as Indexed<'attachments'>[];
        for (const { row: a, i } of attachments) {
          const content = (a as unknown as { content: StoredContent | undefined }).content ?? null;
          if (content && (content.sha256 !== a.sha256 || content.size !== a.size))
            throw fail(
              `attachments[${i}].content`,
              `is not the file its sha256 and size name (${content.size} bytes, sha256 ${content.sha256})`,
            );
        }
        c.attachments += attachments.length;
        return this.insertMapped('attachments', 'attachment', attachments, (a, i) => ({
          product_id: pid,
          item_id: need('item', a.item, `attachments[${i}].item`),
          uploader_id: maybe('person', a.uploader, `attachments[${i}].uploader`),
          name: a.name,
          content_type: a.contentType,
          size: a.size,
          sha256: a.sha256,
          created_at: a.createdAt,
        }));
      }
      case 'activity': {
        // The log last: its flow trigger reads the items it names. References the file marks as gone (0) stay 0.
        const back = (kind: RefKind, ref: number) => (ref === 0 ? 0 : (this.map(kind).get(ref) ?? 0));
        c.activity += rows.length;
        return this.insertChunks(
          'activity',
          (rows as Indexed<'activity'>[]).map(({ row: a }) => {
            const kind = entityKind(a.entityType);
            const before = translateChange(a.entityType, a.before, back, this.renameKey);
            const after = translateChange(a.entityType, a.after, back, this.renameKey);
            return {
              product_id: pid,
              event_number: a.n,
              actor_id: a.actor === null ? null : back('person', a.actor),
              entity_type: a.entityType,
              entity_id: kind ? back(kind, a.entity) : a.entity,
              item_id: a.item === null ? null : back('item', a.item),
              action: a.action,
              before: before ? JSON.stringify(before) : null,
              after: after ? JSON.stringify(after) : null,
              created_at: a.at,
            };
          }),
        );
      }
    }
  }

  private renameKey: ((k: string) => string) | undefined;

  /** Checks what only the whole file can tell, and writes the references that pointed further on. */
  async finish(): Promise<void> {
    if (!this.version) throw fail('(file)', 'is not an Ordo export (it has no "ordoExport" version)');
    if (!this.product) throw fail('product', 'is missing');
    for (const section of SECTIONS)
      if (section !== 'product' && !this.sections.has(section) && !OPTIONAL_SECTIONS.includes(section)) throw fail(section, 'is missing');
    for (const l of this.later) {
      const set = l.set();
      if (this.db)
        await this.db
          .updateTable(l.table)
          .set(set as never)
          .where('id', '=', l.id)
          .execute();
    }
  }

  result(): OrdoImportReport {
    const c = this.counts;
    return {
      productKey: this.key,
      items: c.items,
      comments: c.comments,
      activity: c.activity,
      attachments: c.attachments,
      people: { matched: c.people - c.peopleCreated, created: c.peopleCreated },
    };
  }
}

async function insertChunks<T extends Tables>(db: Trx | null, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (!rows.length || !db) return;
  const size = chunkOf(Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as any)
      .execute();
}

/**
 * Inserts the file's rows in their order and remembers each one's new id under its reference.
 * A statement allocates ids in row order, so its returned ids, sorted, pair up with its rows. On
 * a dry run (no database) each row's id is its reference.
 */
async function insertMapped<T extends Tables, R extends { ref: number }>(
  db: Trx | null,
  table: T,
  kind: RefKind,
  ids: Map<number, number>,
  rows: { row: R; i: number }[],
  toRow: (row: R, index: number) => Insertable<Database[T]>,
): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(({ row, i }) => toRow(row, i));
  const size = chunkOf(Object.keys(values[0]!).length);
  for (let at = 0; at < values.length; at += size) {
    const part = rows.slice(at, at + size);
    const newIds = db
      ? (
          (await db
            .insertInto(table)
            .values(values.slice(at, at + size) as any)
            .returning('id' as any)
            .execute()) as { id: number }[]
        )
          .map((r) => Number(r.id))
          .sort((a, b) => a - b)
      : part.map(({ row }) => row.ref);
    part.forEach(({ row, i }, j) => {
      if (ids.has(row.ref)) throw fail(`${sectionOf(kind)}[${i}].ref`, `${row.ref} is used twice`);
      ids.set(row.ref, newIds[j]!);
    });
  }
}

const sectionOf = (kind: RefKind) =>
  ({ criterion: 'criteria', status_update: 'statusUpdates', share_link: 'shareLinks', link: 'links', state: 'states' })[kind as string] ??
  (kind === 'item' ? 'items' : `${kind}s`);

/**
 * An Ordo export through the import jobs (`POST /api/products/{key}/imports?format=ordo`): the
 * report the Jira and Trello imports answer, read from the file as it streams (a dry run reads
 * and checks everything, writing nothing), and on a real run the import itself.
 */
export async function importOrdoReport(
  ctx: ServiceContext,
  actor: Actor,
  source: OrdoSource,
  opts: { productKey: string; dryRun: boolean; onBytes?: (bytes: number) => void },
): Promise<TImportReport> {
  // The preview too: it says which of the file's e-mails are Ordo users, which only an admin may learn.
  requireAdmin(actor);
  const plan = opts.dryRun
    ? new OrdoImport(null, { key: opts.productKey, now: ctx.clock.now().toISOString(), root: ctx.db, keepPeople: true })
    : await runImport(ctx, actor, { file: source, key: opts.productKey, onBytes: opts.onBytes, keepPeople: true });
  if (opts.dryRun) await readAll(source, plan, opts.onBytes);
  const c = plan.counts;
  const users = new Map<number, string>();
  const matched = c.peopleList.filter((p) => p.userId !== null).map((p) => p.userId!);
  if (matched.length)
    for (const u of await ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', matched).execute()) users.set(u.id, u.name);
  const people = c.peopleList.map((p) => {
    const user = p.userId === null ? null : { id: p.userId, name: users.get(p.userId) ?? p.name };
    return { name: p.name, user, by: user ? ('email' as const) : null };
  });
  return {
    format: 'ordo',
    productKey: opts.productKey,
    productName: plan.productName,
    newProduct: true,
    counts: {
      items: c.items,
      comments: c.comments,
      criteria: c.criteria,
      labels: c.labels.size,
      sprints: c.sprints,
      events: c.activity,
      people: c.people,
      matchedPeople: people.filter((p) => p.user).length,
    },
    byType: [...c.byType].map(([type, items]) => ({ type: type as TImportReport['byType'][number]['type'], items })),
    byState: [...c.states]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        state: s.name,
        category: s.category as TImportReport['byState'][number]['category'],
        items: c.byState.get(s.ref) ?? 0,
      })),
    states: c.states.map((s) => ({
      source: s.name,
      state: s.name,
      category: s.category as TImportReport['states'][number]['category'],
      by: 'name' as const,
    })),
    people,
    warnings: [],
    warningCount: 0,
  };
}
