import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { ItemType } from '../../contract/items.js';
import { AppError } from '../../domain/errors.js';
import type { StateCategory } from '../../domain/workflow.js';
import { parseExportDate } from './dates.js';
import type { ImportSource, SourceComment, SourceItem, SourcePerson } from './import-model.js';

/**
 * Reads a Jira "Export Excel CSV (all fields)" as it streams: the header row names the columns
 * (several may share a name: Labels, Sprint, Comment, Watchers), then one issue per record.
 * Jira Cloud and Server name a few columns differently, and translated exports translate them;
 * each field is found by the first of its names present.
 */

const COLUMNS = {
  summary: ['summary', 'zusammenfassung', 'résumé', 'resume', 'resumen', 'resumo', 'riepilogo'],
  key: ['issue key', 'key', 'vorgangsschlüssel', 'clé de ticket', 'clave de incidencia', 'chave da item'],
  id: ['issue id', 'vorgangs-id', 'id de ticket', 'id de la incidencia'],
  type: ['issue type', 'issuetype', 'vorgangstyp', 'type de ticket', 'tipo de incidencia', 'tipo de item'],
  status: ['status', 'statut', 'estado'],
  statusCategory: ['status category', 'statuskategorie', 'catégorie d’état', "catégorie d'état", 'categoría de estado'],
  statusChanged: ['status category changed'],
  projectName: ['project name', 'projektname', 'nom du projet', 'nombre de proyecto'],
  description: ['description', 'beschreibung', 'descripción', 'descrição'],
  assignee: ['assignee', 'bearbeiter', 'responsable', 'persona asignada'],
  assigneeId: ['assignee id'],
  reporter: ['reporter', 'autor', 'rapporteur', 'informador'],
  reporterId: ['reporter id'],
  created: ['created', 'erstellt', 'création', 'creada', 'criado'],
  updated: ['updated', 'aktualisiert', 'mise à jour', 'actualizada', 'atualizado'],
  resolved: ['resolved', 'erledigt', 'résolue', 'resuelta', 'resolvido'],
  due: ['due date', 'fälligkeitsdatum', "date d'échéance", 'fecha de vencimiento'],
  rank: ['custom field (rank)', 'rank'],
  epicLink: ['custom field (epic link)', 'epic link'],
  parent: ['parent id', 'parent'],
} as const;

/** Columns whose every cell counts (they repeat, one value each). */
const REPEATED = {
  // Company- and team-managed projects name the estimate differently; an export may have both.
  points: ['custom field (story points)', 'custom field (story point estimate)', 'story points', 'story point estimate'],
  labels: ['labels', 'stichwörter', 'étiquettes', 'etiquetas'],
  sprint: ['sprint'],
  comment: ['comment', 'kommentar', 'commentaire', 'comentario'],
};

/** Columns read for what they tell about others (project, people), so not reported as ignored. */
const ALSO_READ = ['project key', 'project name', 'creator', 'creator id', 'watchers', 'watchers id', 'project lead', 'project lead id'];

/** Pairs of name and id columns: Jira Cloud comments name their author by account id. */
const PEOPLE_PAIRS: [string, string][] = [
  ['assignee', 'assignee id'],
  ['reporter', 'reporter id'],
  ['creator', 'creator id'],
  ['watchers', 'watchers id'],
  ['project lead', 'project lead id'],
];

const TYPES: Record<string, ItemType> = {
  epic: 'epic',
  story: 'story',
  'user story': 'story',
  bug: 'bug',
  defect: 'bug',
  task: 'task',
  'sub-task': 'task',
  subtask: 'task',
  'sub task': 'task',
  spike: 'spike',
};

const CATEGORIES: Record<string, StateCategory> = {
  'to do': 'todo',
  todo: 'todo',
  new: 'todo',
  'zu erledigen': 'todo',
  'à faire': 'todo',
  'por hacer': 'todo',
  'in progress': 'in_progress',
  indeterminate: 'in_progress',
  'in arbeit': 'in_progress',
  'en cours': 'in_progress',
  'en curso': 'in_progress',
  done: 'done',
  complete: 'done',
  fertig: 'done',
  terminé: 'done',
  listo: 'done',
  hecho: 'done',
};

export interface ParseOptions {
  onProgress?: (rows: number, bytes: number) => void;
  /**
   * Opens the file again. Given, the read keeps only what planning needs (no descriptions, no
   * comment texts) and the writer rereads the file whole, a batch at a time (ImportSource.reread):
   * a 50,000-issue export is then never all in memory.
   */
  reopen?: () => Readable;
}

export async function parseJiraCsv(input: Readable, opts: ParseOptions = {}): Promise<ImportSource> {
  const source = emptySource();
  const seenStatus = new Set<string>();
  let read = 0;
  for await (const { item, category, bytes } of readIssues(input, source, !!opts.reopen)) {
    read = bytes;
    source.items.push(item);
    if (!seenStatus.has(item.status)) {
      seenStatus.add(item.status);
      source.statuses.push({ name: item.status, category, where: item.where });
    }
    if (source.items.length % 500 === 0) opts.onProgress?.(source.items.length, bytes);
  }
  opts.onProgress?.(source.items.length, read);
  const reopen = opts.reopen;
  if (reopen)
    source.reread = async function* (size) {
      // What the second read learns about people and warnings was learnt by the first.
      const scratch = emptySource();
      let batch: SourceItem[] = [];
      for await (const { item } of readIssues(reopen(), scratch, false)) {
        batch.push(item);
        if (batch.length >= size) {
          yield batch;
          batch = [];
          scratch.warnings.length = 0;
        }
      }
      if (batch.length > 0) yield batch;
    };
  return source;
}

const emptySource = (): ImportSource => ({
  format: 'jira',
  name: null,
  statuses: [],
  items: [],
  people: new Map(),
  warnings: [],
  statusesAreWorkflow: false,
});

/**
 * The issues of a Jira CSV as they stream, in file order; people, warnings and the project's name
 * go to `source`. `lean` leaves out what only the writer needs: descriptions and comment texts.
 */
async function* readIssues(
  input: Readable,
  source: ImportSource,
  lean: boolean,
): AsyncGenerator<{ item: SourceItem; category: StateCategory | null; bytes: number }> {
  let bytes = 0;
  input.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
  const parser = input.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: false, info: true, max_record_size: 4 * 1024 * 1024 }),
  );
  input.on('error', (err) => parser.destroy(err));

  let header: string[] | null = null;
  let col: Record<keyof typeof COLUMNS, number> | null = null;
  let repeated: Record<keyof typeof REPEATED, number[]> | null = null;
  let pairs: [number, number][] = [];
  let lineAfter = 0;
  let order = 0;
  const intern = interner();

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = lineAfter + 1;
      lineAfter = info.lines;
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        col = Object.fromEntries(Object.entries(COLUMNS).map(([field, aliases]) => [field, firstOf(header!, aliases)])) as Record<
          keyof typeof COLUMNS,
          number
        >;
        repeated = Object.fromEntries(Object.entries(REPEATED).map(([f, aliases]) => [f, allOf(header!, aliases)])) as Record<
          keyof typeof REPEATED,
          number[]
        >;
        pairs = PEOPLE_PAIRS.flatMap(([n, i]) => {
          const names = allOf(header!, [n]);
          const ids = allOf(header!, [i]);
          return names.map((ni, k) => [ni, ids[k] ?? -1] as [number, number]).filter(([, ii]) => ii >= 0);
        });
        const read = new Set([...Object.values(col), ...Object.values(repeated).flat(), ...pairs.flat()]);
        const ignored = [...new Set(record.filter((h, i) => !read.has(i) && h.trim() && !ALSO_READ.includes(h.trim().toLowerCase())))];
        if (ignored.length > 0)
          source.warnings.push({
            where: 'line 1',
            message: `${ignored.length === 1 ? 'a column is' : `${ignored.length} columns are`} not imported: ${ignored.join(', ')}`,
          });
        const missing = (['summary', 'status'] as const).filter((f) => col![f] < 0);
        if (missing.length || (col.key < 0 && col.id < 0))
          throw new AppError(
            'validation',
            `line 1: this is not a Jira CSV export: it has no ${[...missing.map((m) => COLUMNS[m][0]), ...(col.key < 0 && col.id < 0 ? ['issue key'] : [])].map((c) => `"${c}"`).join(', ')} column (export from Jira with "Export Excel CSV (all fields)")`,
            { where: 'line 1' },
          );
        continue;
      }
      // PostgreSQL refuses NUL in text; an export has no meaningful one.
      for (let i = 0; i < record.length; i++) if (record[i]!.includes('\u0000')) record[i] = record[i]!.replaceAll('\u0000', '');
      const item = readIssue(record, line, order++, col!, repeated!, source, lean, intern);
      for (const [ni, ii] of pairs) {
        const name = record[ni]?.trim();
        const id = record[ii]?.trim();
        if (name && id && !source.people.has(id)) source.people.set(id, { name, email: null });
      }
      if (!source.name && col!.projectName >= 0) source.name = record[col!.projectName]?.trim() || null;
      const cat = record[col!.statusCategory]?.trim().toLowerCase();
      yield { item, category: (cat && CATEGORIES[cat]) || null, bytes };
    }
  } catch (err) {
    if (err instanceof CsvError) throw csvError(err);
    throw err;
  } finally {
    // A reader that stops early (a failed write) closes the file too.
    input.destroy();
  }
  if (!header) throw new AppError('validation', 'line 1: the file is empty', { where: 'line 1' });
}

/**
 * One string for a value many rows repeat (a status, a sprint, a label, a person, an epic): a
 * 50,000-issue plan otherwise holds 50,000 copies of each. Bounded, for files whose every cell differs.
 */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size < 100_000) seen.set(s, s);
    return s;
  };
}

/** Jira rows have no criteria, moves or notes; a lean row no comments. One shared, frozen empty list for each. */
const NONE = Object.freeze([]) as unknown as never[];

function csvError(err: CsvError): AppError {
  const line = (err as unknown as { lines?: number }).lines;
  const where = line ? `line ${line}` : 'the file';
  const what =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted cell is never closed: the file looks truncated'
      : err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? `the row has a different number of cells than the header (${err.message.replace(/^.*expect (\d+), got (\d+).*$/s, '$2 instead of $1')}): the file looks truncated or is not one export`
        : ['CSV_INVALID_CLOSING_QUOTE', 'INVALID_OPENING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'].includes(err.code)
          ? 'a quote is in the wrong place (a quote inside a cell must be doubled: "")'
          : err.message;
  return new AppError('validation', `${where}: ${what}`, { where });
}

const firstOf = (header: string[], aliases: readonly string[]) => {
  for (const a of aliases) {
    const i = header.indexOf(a);
    if (i >= 0) return i;
  }
  return -1;
};
const allOf = (header: string[], aliases: readonly string[]) => header.flatMap((h, i) => (aliases.includes(h) ? [i] : []));

function readIssue(
  record: string[],
  line: number,
  order: number,
  col: Record<keyof typeof COLUMNS, number>,
  repeated: Record<keyof typeof REPEATED, number[]>,
  source: ImportSource,
  lean: boolean,
  intern: (s: string) => string,
): SourceItem {
  const where = `line ${line}`;
  const cell = (i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');
  const warn = (message: string) => source.warnings.push({ where, message });
  const date = (field: keyof typeof COLUMNS, label: string) => {
    const raw = cell(col[field]);
    if (!raw) return null;
    const at = parseExportDate(raw);
    if (!at) warn(`${label} "${raw}" is not a date Ordo can read; left out`);
    return at;
  };

  const key = cell(col.key) || cell(col.id);
  const title = cell(col.summary);
  if (!title) throw new AppError('validation', `${where}: the issue ${key || ''} has no Summary`.replace('  ', ' '), { where });
  const status = cell(col.status);
  if (!status) throw new AppError('validation', `${where}: the issue ${key} has no Status`, { where });
  const rawType = cell(col.type);
  const type = TYPES[rawType.toLowerCase()] ?? 'task';
  const labels = repeated.labels.map(cell).filter(Boolean);
  if (rawType && !TYPES[rawType.toLowerCase()]) labels.push(rawType.toLowerCase());
  if (/^sub[- ]?task$/i.test(rawType)) labels.push('sub-task');

  let estimate: number | null = null;
  const points = repeated.points.map(cell).find(Boolean);
  if (points) {
    const n = Number(points.replace(',', '.'));
    if (Number.isFinite(n) && n >= 0 && n <= 1000) estimate = n;
    else warn(`Story points "${points}" is not a number from 0 to 1000; left out`);
  }
  const sprints = repeated.sprint.map(cell).filter(Boolean);
  const comments: SourceComment[] = [];
  let commentCount = 0;
  for (const i of repeated.comment) {
    const raw = record[i] ?? '';
    if (!raw.trim()) continue;
    commentCount++;
    const comment = readComment(raw);
    if (!comment) warn(`a comment does not start with "date;author;" and is imported without its date`);
    if (!lean) comments.push(comment ?? { author: null, body: raw.trim(), at: '' });
  }
  const created = date('created', 'Created');
  const match = /-(\d+)$/.exec(key);
  return {
    where,
    sourceKey: key,
    sourceId: cell(col.id) || key,
    number: match ? Number(match[1]) : null,
    type,
    title: lean ? '' : title.slice(0, 500),
    description: lean ? '' : cell(col.description),
    status: intern(status),
    rank: cell(col.rank) || null,
    order,
    estimate,
    labels: labels.length ? [...new Set(labels.map(intern))] : NONE,
    parentRef: intern(cell(col.epicLink) || cell(col.parent)) || null,
    sprint: intern(sprints[sprints.length - 1] ?? '') || null,
    assignee: person(source, intern, cell(col.assigneeId), cell(col.assignee)),
    reporter: person(source, intern, cell(col.reporterId), cell(col.reporter)),
    createdAt: created ?? '',
    updatedAt: date('updated', 'Updated'),
    resolvedAt: date('resolved', 'Resolved'),
    statusChangedAt: date('statusChanged', 'Status Category Changed'),
    due: date('due', 'Due date'),
    comments: lean ? NONE : comments,
    commentCount,
    criteria: NONE,
    moves: NONE,
    notes: NONE,
  };
}

/** A person by their account id when the export has one (comments use it), else by name. */
function person(source: ImportSource, intern: (s: string) => string, id: string, name: string): string | null {
  if (!name && !id) return null;
  const ref = intern(id || name);
  if (!source.people.has(ref)) source.people.set(ref, { name: name || id, email: name.includes('@') ? name : null } satisfies SourcePerson);
  return ref;
}

/** The comment cell: `24/Nov/25 3:12 PM;accountId or name;text` (the text may hold more semicolons). */
function readComment(raw: string): SourceComment | null {
  const first = raw.indexOf(';');
  const second = first >= 0 ? raw.indexOf(';', first + 1) : -1;
  if (second < 0) return null;
  const at = parseExportDate(raw.slice(0, first));
  if (!at) return null;
  return { at, author: raw.slice(first + 1, second).trim() || null, body: raw.slice(second + 1).trim() };
}
