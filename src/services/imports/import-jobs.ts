import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TImportJob, TImportReport } from '../../contract/imports.js';
import type { ImportJobsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor, ServiceContext } from '../context.js';
import type { ImportFormat, ImportProgress } from './import-model.js';
import { parseJiraCsv } from './parse-jira-csv.js';
import { parseTrelloJson } from './parse-trello-json.js';
import { importOrdoReport, ordoFile } from './import-ordo.js';
import { checkImportTarget, runImport } from './run-import.js';

/**
 * Import jobs: the upload is saved to a temporary file, a job row is written, and the import runs
 * in this process after the request has been answered. Its progress lives here (see migration
 * 030 for why); its outcome goes to the row.
 */

/**
 * The largest file an import reads: 128 MiB by default (`IMPORT_MAX_BYTES`). A large Jira project's
 * export is a few tens of megabytes; a bigger upload is refused, not half-read.
 */
export const importMaxBytes = () => Number(process.env.IMPORT_MAX_BYTES || 128 * 1024 * 1024);

export interface ImportRequest {
  productKey: string;
  format: ImportFormat;
  dryRun: boolean;
  map: string[];
  name?: string;
  archived: 'done' | 'skip';
}

/** Reads an export from a file and imports it (or plans it, on a dry run): what the CLI and the jobs share. */
export async function importFile(
  ctx: ServiceContext,
  actor: Actor,
  file: string,
  request: ImportRequest,
  onProgress?: (p: ImportProgress) => void,
): Promise<TImportReport> {
  const totalBytes = (await stat(file)).size;
  if (totalBytes > importMaxBytes()) throw tooLarge();
  const reading = (read: number, bytes: number) => onProgress?.({ phase: 'reading', read, bytes, totalBytes, written: 0, toWrite: 0 });
  if (request.format === 'ordo') {
    // Read as it streams, and written as it is read (or only checked, on a dry run): progress is the bytes read.
    const report = await importOrdoReport(ctx, actor, ordoFile(file), {
      productKey: request.productKey,
      dryRun: request.dryRun,
      onBytes: (bytes) => onProgress?.({ phase: 'reading', read: 0, bytes, totalBytes, written: 0, toWrite: 0 }),
    });
    const n = report.counts.items;
    onProgress?.({ phase: 'done', read: n, bytes: totalBytes, totalBytes, written: n, toWrite: n });
    return report;
  }
  const source =
    request.format === 'jira'
      ? await parseJiraCsv(createReadStream(file), { onProgress: reading, reopen: () => createReadStream(file) })
      : parseTrelloJson(await readFile(file, 'utf8'), { archived: request.archived });
  reading(source.items.length, totalBytes);
  const report = await runImport(ctx, actor, source, {
    productKey: request.productKey,
    productName: request.name,
    dryRun: request.dryRun,
    statusMap: request.map,
    onProgress: (written, total) =>
      onProgress?.({ phase: 'writing', read: source.items.length, bytes: totalBytes, totalBytes, written, toWrite: total }),
  });
  onProgress?.({ phase: 'done', read: report.counts.items, bytes: totalBytes, totalBytes, written: 0, toWrite: 0 });
  return report;
}

const tooLarge = () =>
  new AppError(
    'too_large',
    `The file is larger than ${Math.round(importMaxBytes() / 1024 / 1024)} MB, the most an import reads (IMPORT_MAX_BYTES)`,
  );

const running = new Map<number, ImportProgress>();
const finished = new Map<number, Promise<void>>();

/**
 * Starts an import from an upload: checks the caller may import into the key before reading the
 * body, saves the body, and answers the job while the import runs.
 */
export async function startImport(ctx: ServiceContext, actor: Actor, request: ImportRequest, body: unknown): Promise<TImportJob> {
  await checkImportTarget(ctx.db, actor, request.productKey);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ordo-import-'));
  const file = path.join(dir, request.format === 'jira' ? 'export.csv' : 'export.json');
  try {
    await pipeline(uploadStream(body), limit(importMaxBytes()), createWriteStream(file));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const bytes = (await stat(file)).size;
  if (bytes === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new AppError('validation', 'The upload is empty: send the export file as the request body');
  }
  const now = ctx.clock.now().toISOString();
  const row = await ctx.db
    .insertInto('import_jobs')
    .values({
      product_key: request.productKey,
      format: request.format,
      dry_run: request.dryRun ? 1 : 0,
      status: 'running',
      created_by: actor.userId,
      bytes,
      created_at: now,
      finished_at: null,
      report: null,
      error: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  running.set(row.id, { phase: 'reading', read: 0, bytes: 0, totalBytes: bytes, written: 0, toWrite: 0 });
  const done = runJob(ctx, actor, row.id, file, request).finally(async () => {
    running.delete(row.id);
    finished.delete(row.id);
    await rm(dir, { recursive: true, force: true });
  });
  finished.set(row.id, done);
  return presentJob(row);
}

async function runJob(ctx: ServiceContext, actor: Actor, id: number, file: string, request: ImportRequest) {
  let report: TImportReport | null = null;
  let error: TImportJob['error'] = null;
  try {
    report = await importFile(ctx, actor, file, request, (p) => running.set(id, p));
  } catch (err) {
    const details = err instanceof AppError ? (err.details as { where?: string; status?: string } | undefined) : undefined;
    error =
      err instanceof AppError
        ? { code: err.code, message: err.message, where: details?.where ?? null, unmapped: details?.status ?? null }
        : { code: 'internal', message: 'The import failed on an unexpected error; nothing was written', where: null };
    if (!(err instanceof AppError)) console.error('import failed', err);
  }
  await ctx.db
    .updateTable('import_jobs')
    .set({
      status: error ? 'failed' : 'done',
      finished_at: ctx.clock.now().toISOString(),
      report: report ? JSON.stringify(report) : null,
      error: error ? JSON.stringify(error) : null,
    })
    .where('id', '=', id)
    .execute();
}

/** A job its starter (or an admin) reads; anyone else is told it does not exist. */
export async function getImportJob(ctx: ServiceContext, actor: Actor, id: number): Promise<TImportJob> {
  const row = await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.created_by !== actor.userId && !actor.isAdmin)) throw notFound(`Import ${id}`);
  return presentJob(row, ctx.clock.now().getTime());
}

/** Resolves when a job this process runs has finished (tests and the CLI wait on it). */
export async function importSettled(id: number): Promise<void> {
  await finished.get(id);
}

/** A job still "running" this long after it started was left by a process that stopped: its transaction never committed. */
const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;

function presentJob(row: Selectable<ImportJobsTable>, now = Date.now()): TImportJob {
  const abandoned = row.status === 'running' && !running.has(row.id) && now - Date.parse(row.created_at) > ABANDONED_AFTER_MS;
  if (abandoned)
    return presentJob(
      {
        ...row,
        status: 'failed',
        error: JSON.stringify({
          code: 'internal',
          message: 'The process running this import stopped before it finished; nothing was written',
          where: null,
        }),
      },
      now,
    );
  const status = row.status as TImportJob['status'];
  const progress = running.get(row.id) ?? {
    phase: status === 'running' ? ('reading' as const) : ('done' as const),
    read: 0,
    written: 0,
    toWrite: 0,
    bytes: row.bytes,
    totalBytes: row.bytes,
  };
  return {
    id: row.id,
    productKey: row.product_key,
    format: row.format as TImportJob['format'],
    dryRun: !!row.dry_run,
    status,
    progress,
    report: row.report ? (JSON.parse(row.report) as TImportReport) : null,
    error: row.error ? JSON.parse(row.error) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** The request body as a stream: raw uploads arrive as one; a JSON body (a Trello board sent as JSON) was parsed. */
function uploadStream(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return Readable.from([body]);
  if (body !== undefined && body !== null) return Readable.from([JSON.stringify(body)]);
  return Readable.from([]);
}

function limit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > max ? tooLarge() : null, chunk);
    },
  });
}
