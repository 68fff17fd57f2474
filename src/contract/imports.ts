import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { ZIdParams, ZProductParams, ZUserRef } from './common.js';
import { ITEM_TYPES } from './items.js';
import { STATE_CATEGORIES } from '../domain/workflow.js';

/**
 * Imports from Jira (CSV) and Trello (JSON): the file is sent as the request body, the import runs
 * as a job, and the job answers with its progress and, when done, its report. A dry run reports
 * what would be written and writes nothing. See docs/decisions/0010-imports.md.
 */

/** `ordo` is an Ordo export (`GET /api/products/{key}/export?format=json`), imported whole into a new product */
export const IMPORT_FORMATS = ['jira', 'trello', 'ordo'] as const;

const ZCategory = z.enum(STATE_CATEGORIES);

export const ZImportReport = z.object({
  format: z.enum(IMPORT_FORMATS),
  productKey: z.string(),
  productName: z.string(),
  /** the import creates the product (false: it fills an existing, empty one) */
  newProduct: z.boolean(),
  counts: z.object({
    items: z.number(),
    comments: z.number(),
    /** acceptance criteria (Trello checklist items) */
    criteria: z.number(),
    /** distinct labels */
    labels: z.number(),
    sprints: z.number(),
    /** history rows written with their original dates */
    events: z.number(),
    people: z.number(),
    matchedPeople: z.number(),
  }),
  byType: z.array(z.object({ type: z.enum(ITEM_TYPES), items: z.number() })),
  /** the product's workflow after the import, with the items each state receives */
  byState: z.array(z.object({ state: z.string(), category: ZCategory, items: z.number() })),
  /** each source status (Jira) or list (Trello) and the state it goes to, and why */
  states: z.array(
    z.object({
      source: z.string(),
      state: z.string(),
      category: ZCategory,
      by: z.enum(['name', 'category', 'known name', 'override', 'list']),
    }),
  ),
  people: z.array(z.object({ name: z.string(), user: ZUserRef.nullable(), by: z.enum(['email', 'name']).nullable() })),
  /** the first 100 warnings, each with the line (CSV) or JSON path it is about */
  warnings: z.array(z.object({ where: z.string(), message: z.string() })),
  warningCount: z.number(),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZImportJob = z.object({
  id: z.number(),
  productKey: z.string(),
  format: z.enum(IMPORT_FORMATS),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  progress: z.object({
    phase: z.enum(['reading', 'writing', 'done']),
    /** rows or cards read */
    read: z.number(),
    /** rows written so far, of `toWrite` (0 until the writing phase) */
    written: z.number(),
    toWrite: z.number(),
    bytes: z.number(),
    totalBytes: z.number().nullable(),
  }),
  report: ZImportReport.nullable(),
  /** why it failed; `where` names the line (CSV) or JSON path; nothing was written */
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      where: z.string().nullable(),
      /** a status no state matched: map it and run again */
      unmapped: z.string().nullable().optional(),
    })
    .nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportJob = z.infer<typeof ZImportJob>;

const ZFlag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

export const ZImportQuery = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  dryRun: ZFlag,
  /** `Code Review=Review`: a source status (or Trello list) = an Ordo state name or category; repeatable */
  map: z
    .union([z.string().max(300), z.array(z.string().max(300)).max(200)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  /** a new product's name (default: the Jira project's or Trello board's) */
  name: z.string().trim().min(1).max(200).optional(),
  /** Trello's archived cards: imported as done (default) or left out */
  archived: z.enum(['done', 'skip']).default('done'),
});
export type TImportQuery = z.input<typeof ZImportQuery>;

export const importsEndpoints = {
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/imports',
    tag: 'imports',
    summary:
      'Import a Jira CSV, a Trello JSON or an Ordo export (format=ordo; a new key only) into a new product with this key (or an empty one): send the file as the body (application/octet-stream, text/csv or application/json); answers the job to follow. All or nothing; dryRun=true only reports',
    params: ZProductParams,
    query: ZImportQuery,
    response: ZImportJob,
    status: 202,
    errors: [404, 409],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/imports/{id}',
    tag: 'imports',
    summary: "An import job's progress and, once finished, its report or the error that stopped it (only its starter and admins see it)",
    params: ZIdParams,
    response: ZImportJob,
    errors: [404],
  }),
};
