import { z } from 'zod';

/**
 * The Ordo export: one product with everything it holds, as `ordo export --format json` and
 * `GET /api/products/{key}/export?format=json` write it and `ordo import ordo` reads it.
 *
 * Rows name each other by references, never by database ids: items by their number, people by a
 * `ref` into `people` (matched by e-mail on import), everything else by a `ref` given in the
 * file's order. The activity log keeps its rows as Ordo stores them, with the ids inside `before`
 * and `after` translated the same way (src/services/exports/activity-ids.ts). Sections come in
 * the order the writer streams them (`SECTIONS`), each after the sections its rows name, so a
 * reader can write each row as it reads it.
 *
 * Version 2 writes `people` first (version 1 wrote it last, gathering whoever the rows had named)
 * and adds `attachments`, each with its file's bytes in base64. Readers take both versions.
 */
export const ORDO_EXPORT_VERSION = 2;
export const ORDO_EXPORT_VERSIONS = [1, 2] as const;

/** Text PostgreSQL can store (no NUL), of any length the writer produced. */
const text = z.string().refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
const opt = text.nullable();
const ref = z.number().int().min(0).max(2_147_483_647);
const optRef = ref.nullable();
const int = z.number().int().min(-2_147_483_648).max(2_147_483_647);
const n = z.number().nullable();
const json = z.record(z.string(), z.unknown()).nullable();

export const ZExportProduct = z.object({
  key: text,
  name: text,
  vision: text,
  createdAt: text,
  updatedAt: text,
  archivedAt: opt,
  lastEvent: int,
  nextItemNumber: int,
  version: int,
});

export const ZExportState = z.object({
  ref,
  name: text,
  category: text,
  position: int,
  wipLimit: int.nullable(),
  entryRules: z.array(text),
  version: int,
});

export const ZExportMember = z.object({ person: ref, role: text, createdAt: text });

export const ZExportRelease = z.object({
  ref,
  name: text,
  description: text,
  targetDate: opt,
  createdAt: text,
  releasedAt: opt,
  version: int,
});

export const ZExportSprint = z.object({
  ref,
  name: text,
  goal: text,
  startDate: opt,
  endDate: opt,
  state: text,
  createdAt: text,
  startedAt: opt,
  closedAt: opt,
  completedPoints: n,
  completedItems: int.nullable(),
  version: int,
  recordedAt: opt,
});

export const ZExportItem = z.object({
  /** the item's number: PAY-12 is 12 */
  ref,
  key: text,
  type: text,
  title: text,
  description: text,
  state: ref,
  rank: text,
  estimate: n,
  businessValue: n,
  timeCriticality: n,
  riskReduction: n,
  jobSize: n,
  riceReach: n,
  riceImpact: n,
  riceConfidence: n,
  riceEffort: n,
  labels: z.array(text),
  assignee: optRef,
  parent: optRef,
  sprint: optRef,
  release: optRef,
  blocked: z.boolean(),
  blockedReason: opt,
  blockedSince: opt,
  blockedSeconds: z.number(),
  createdBy: optRef,
  createdAt: text,
  updatedAt: text,
  stateEnteredAt: text,
  startedAt: opt,
  doneAt: opt,
  deletedAt: opt,
  version: int,
  openQuestions: int,
  requestCount: int,
  requestVotes: int,
  requestCustomers: int,
});

export const ZExportComment = z.object({
  ref,
  item: ref,
  author: ref,
  body: text,
  createdAt: text,
  updatedAt: text,
  deletedAt: opt,
});

export const ZExportCriterion = z.object({
  ref,
  item: ref,
  text,
  position: z.number(),
  accepted: z.boolean(),
  acceptedBy: optRef,
  acceptedAt: opt,
  createdAt: text,
});

export const ZExportLink = z.object({ ref, from: ref, to: ref, kind: text, createdAt: text });

export const ZExportSprintRecord = z.object({
  sprint: ref,
  item: ref,
  itemKey: text,
  title: text,
  type: text,
  position: int,
  committed: z.boolean(),
  added: z.boolean(),
  outcome: text,
  startPoints: n,
  joinedPoints: n,
  endPoints: n,
});

export const ZExportQuestion = z.object({
  ref,
  item: optRef,
  asker: ref,
  addressee: optRef,
  body: text,
  state: text,
  createdAt: text,
  answer: opt,
  answeredBy: optRef,
  answeredAt: opt,
  decision: optRef,
});

export const ZExportDecision = z.object({
  ref,
  question: optRef,
  title: text,
  body: text,
  decidedBy: optRef,
  decidedAt: text,
  supersedes: optRef,
  supersededBy: optRef,
  items: z.array(ref),
});

export const ZExportRequest = z.object({
  ref,
  title: text,
  description: text,
  customer: text,
  impact: text,
  link: opt,
  requester: ref,
  state: text,
  item: optRef,
  mergedInto: optRef,
  declineReason: opt,
  triagedBy: optRef,
  triagedAt: opt,
  shippedAt: opt,
  votes: int,
  customers: int,
  createdAt: text,
  updatedAt: text,
  voters: z.array(z.object({ person: ref, createdAt: text })),
  customerList: z.array(z.object({ key: text, customer: text, addedBy: optRef, createdAt: text })),
});

export const ZExportStatusUpdate = z.object({
  ref,
  state: text,
  body: text,
  health: opt,
  suggestedHealth: text,
  suggestedReason: text,
  since: text,
  author: optRef,
  createdAt: text,
  updatedAt: text,
  publishedAt: opt,
  publishedBy: optRef,
  correctedAt: opt,
  correctedBy: optRef,
  correctionNote: opt,
  version: int,
});

/** A share link keeps its token's hash, so its URL still opens the product after a move to another Ordo. */
export const ZExportShareLink = z.object({
  ref,
  label: text,
  tokenHash: text,
  showUpdates: z.boolean(),
  showForecasts: z.boolean(),
  showRoadmap: z.boolean(),
  createdBy: optRef,
  createdAt: text,
  expiresAt: opt,
  revokedAt: opt,
  lastOpenedAt: opt,
  openCount: int,
});

export const ZExportActivity = z.object({
  /** the product's event number */
  n: int,
  actor: optRef,
  entityType: text,
  entity: ref,
  item: optRef,
  action: text,
  before: json,
  after: json,
  at: text,
});

export const ZExportPerson = z.object({ ref, email: text, name: text });

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');

/**
 * An attachment (version 2): its row, and its file's bytes in base64 (`content`, written last);
 * `content` is null when the file was missing from the exporting Ordo's store.
 */
export const ZExportAttachmentMeta = z.object({
  ref,
  item: ref,
  uploader: optRef,
  name: text,
  contentType: text,
  size: z.number().int().min(0),
  sha256,
  createdAt: text,
});
export const ZExportAttachment = ZExportAttachmentMeta.extend({
  content: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .nullable(),
});

export const ZOrdoExport = z.object({
  ordoExport: z.union(ORDO_EXPORT_VERSIONS.map((v) => z.literal(v))),
  exportedAt: text,
  product: ZExportProduct,
  people: z.array(ZExportPerson),
  states: z.array(ZExportState),
  members: z.array(ZExportMember),
  releases: z.array(ZExportRelease),
  sprints: z.array(ZExportSprint),
  items: z.array(ZExportItem),
  comments: z.array(ZExportComment),
  criteria: z.array(ZExportCriterion),
  links: z.array(ZExportLink),
  sprintRecords: z.array(ZExportSprintRecord),
  questions: z.array(ZExportQuestion),
  decisions: z.array(ZExportDecision),
  requests: z.array(ZExportRequest),
  /** sections added after version 1 first shipped: absent in older files */
  statusUpdates: z.array(ZExportStatusUpdate).default([]),
  shareLinks: z.array(ZExportShareLink).default([]),
  attachments: z.array(ZExportAttachment).default([]),
  activity: z.array(ZExportActivity),
});
export type TOrdoExport = z.infer<typeof ZOrdoExport>;
export type TExportItem = z.infer<typeof ZExportItem>;
export type TExportAttachmentMeta = z.infer<typeof ZExportAttachmentMeta>;

/** The file's sections in the order the writer streams them (`people` last in version 1). */
export const SECTIONS = Object.keys(ZOrdoExport.shape).filter((k) => k !== 'ordoExport' && k !== 'exportedAt') as (keyof Omit<
  TOrdoExport,
  'ordoExport' | 'exportedAt'
>)[];
export type TSectionName = (typeof SECTIONS)[number];

/** Sections a version 1 file may lack. */
export const OPTIONAL_SECTIONS: readonly TSectionName[] = ['statusUpdates', 'shareLinks', 'attachments'];
