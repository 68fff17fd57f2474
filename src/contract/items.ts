import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZCsvList, ZItemKey, ZItemParams, ZProductParams, ZUserRef, page } from './common.js';
import { STATE_CATEGORIES } from '../domain/workflow.js';

export const ITEM_TYPES = ['epic', 'story', 'bug', 'task', 'spike'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The longest title an item may have, in characters after trimming; the web app refuses longer ones the same way. */
export const ITEM_TITLE_MAX = 500;
/** How many labels an item may carry. */
export const ITEM_LABELS_MAX = 20;

const score = z.number().min(0).max(1_000_000).nullable();
const label = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,\n]+$/, 'must not contain commas or newlines');

/** An item in a list: everything a row shows, without the description. */
export const ZItemSummary = z.object({
  key: z.string(),
  number: z.number(),
  type: z.enum(ITEM_TYPES),
  title: z.string(),
  stateId: z.number(),
  stateCategory: z.enum(STATE_CATEGORIES),
  rank: z.string(),
  estimate: z.number().nullable(),
  wsjf: z.number().nullable(),
  rice: z.number().nullable(),
  labels: z.array(z.string()),
  assignee: ZUserRef.nullable(),
  parentKey: z.string().nullable(),
  sprintId: z.number().nullable(),
  releaseId: z.number().nullable(),
  blocked: z.boolean(),
  blockedReason: z.string().nullable(),
  blockedSince: z.string().nullable(),
  stateEnteredAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
  version: z.number(),
  /** questions on the item still waiting for an answer */
  openQuestions: z.number(),
  /** requests linked to the item, and their distinct voters and customers */
  requests: z.number(),
  votes: z.number(),
  customers: z.number(),
});
/** The fields of a list row, for code that narrows a full item to one (the web app's cache). */
export const ITEM_SUMMARY_FIELDS = Object.keys(ZItemSummary.shape) as (keyof z.infer<typeof ZItemSummary>)[];
export type TItemSummary = z.infer<typeof ZItemSummary>;

export const ZLink = z.object({
  kind: z.enum(['blocks', 'blocked_by', 'relates']),
  key: z.string(),
  title: z.string(),
  stateCategory: z.enum(STATE_CATEGORIES),
});

export const ZCriterion = z.object({
  id: z.number(),
  text: z.string(),
  position: z.number(),
  accepted: z.boolean(),
  acceptedBy: ZUserRef.nullable(),
  acceptedAt: z.string().nullable(),
});
export type TCriterion = z.infer<typeof ZCriterion>;

export const ZItem = ZItemSummary.extend({
  productKey: z.string(),
  description: z.string(),
  businessValue: z.number().nullable(),
  timeCriticality: z.number().nullable(),
  riskReduction: z.number().nullable(),
  jobSize: z.number().nullable(),
  riceReach: z.number().nullable(),
  riceImpact: z.number().nullable(),
  riceConfidence: z.number().nullable(),
  riceEffort: z.number().nullable(),
  /** seconds blocked, including the current blocked period */
  blockedSeconds: z.number(),
  startedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  createdBy: ZUserRef.nullable(),
  criteria: z.array(ZCriterion),
  links: z.array(ZLink),
  /** for epics: how many children, and how many are done */
  progress: z.object({ total: z.number(), done: z.number() }).nullable(),
});
export type TItem = z.infer<typeof ZItem>;

const editable = {
  type: z.enum(ITEM_TYPES),
  title: z.string().trim().min(1, 'must not be empty').max(ITEM_TITLE_MAX, `must be at most ${ITEM_TITLE_MAX} characters`),
  description: z.string().max(100_000),
  estimate: z.number().min(0).max(1000).nullable(),
  businessValue: score,
  timeCriticality: score,
  riskReduction: score,
  jobSize: score,
  riceReach: score,
  riceImpact: score,
  riceConfidence: z.number().min(0).max(100).nullable(),
  riceEffort: score,
  labels: z.array(label).max(ITEM_LABELS_MAX, `an item has at most ${ITEM_LABELS_MAX} labels`),
  /** user id, or null to unassign */
  assigneeId: z.number().int().nullable(),
  /** the epic's key, or null */
  parentKey: ZItemKey.nullable(),
  sprintId: z.number().int().nullable(),
  releaseId: z.number().int().nullable(),
  blocked: z.boolean(),
  blockedReason: z.string().trim().max(500).nullable(),
};

export const ZCreateItemRequest = z
  .strictObject({
    ...editable,
    type: editable.type.default('story'),
    stateId: z.number().int().optional(),
    /** where the new item lands; bottom of the backlog by default */
    position: z.enum(['top', 'bottom']).optional(),
    before: ZItemKey.optional(),
    after: ZItemKey.optional(),
    /** owners only: create into a state despite its WIP limit or entry rules; recorded in the activity log */
    override: z.boolean().optional(),
  })
  .partial({
    description: true,
    estimate: true,
    businessValue: true,
    timeCriticality: true,
    riskReduction: true,
    jobSize: true,
    riceReach: true,
    riceImpact: true,
    riceConfidence: true,
    riceEffort: true,
    labels: true,
    assigneeId: true,
    parentKey: true,
    sprintId: true,
    releaseId: true,
    blocked: true,
    blockedReason: true,
  });
export type TCreateItemRequest = z.input<typeof ZCreateItemRequest>;

export const ZUpdateItemRequest = z.strictObject({
  ...(Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]>;
  }),
  stateId: z.number().int().optional(),
  /** the version read; required here or as If-Match */
  version: z.number().int().optional(),
  /** owners only: enter the state despite its rules; recorded in the activity log */
  override: z.boolean().optional(),
});
export type TUpdateItemRequest = z.infer<typeof ZUpdateItemRequest>;

export const ZMoveItemRequest = z
  .strictObject({
    before: ZItemKey.optional(),
    after: ZItemKey.optional(),
    position: z.enum(['top', 'bottom']).optional(),
    stateId: z.number().int().optional(),
    override: z.boolean().optional(),
  })
  .refine((m) => [m.before, m.after, m.position].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of before, after, position',
    path: ['before'],
  })
  .refine((m) => m.before !== undefined || m.after !== undefined || m.position !== undefined || m.stateId !== undefined, {
    message: 'give before, after, position or stateId',
    path: ['position'],
  });
export type TMoveItemRequest = z.infer<typeof ZMoveItemRequest>;

export const ZBulkRequest = z
  .strictObject({
    keys: z.array(ZItemKey).min(1).max(500),
    position: z.enum(['top', 'bottom']).optional(),
    stateId: z.number().int().optional(),
    sprintId: z.number().int().nullable().optional(),
    releaseId: z.number().int().nullable().optional(),
    assigneeId: z.number().int().nullable().optional(),
    /** the epic's key, or null to take the items out of their epics */
    parentKey: ZItemKey.nullable().optional(),
    /** labels every item gets (an item keeps each label once) */
    addLabels: z.array(label).min(1).max(ITEM_LABELS_MAX).optional(),
    /** labels taken off every item that has them */
    removeLabels: z.array(label).min(1).max(ITEM_LABELS_MAX).optional(),
    override: z.boolean().optional(),
  })
  .refine((b) => !b.addLabels?.some((l) => b.removeLabels?.includes(l)), {
    message: 'must not name a label that addLabels adds',
    path: ['removeLabels'],
  });
export type TBulkRequest = z.infer<typeof ZBulkRequest>;
/** The items a bulk change touched, as they are now, in rank order. */
export const ZBulkResult = z.object({ items: z.array(ZItemSummary) });
export type TBulkResult = z.infer<typeof ZBulkResult>;

export const ZItemListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  type: ZCsvList.optional(),
  state: ZCsvList.optional(),
  stateCategory: ZCsvList.optional(),
  label: ZCsvList.optional(),
  /** user ids, or "none" for unassigned */
  assignee: ZCsvList.optional(),
  /** the epic's key */
  epic: z.string().max(30).optional(),
  sprint: z.string().max(30).optional(),
  release: z.string().max(30).optional(),
  blocked: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  /** "rank" (the owner's order), "wsjf" (advice) or "votes" (most voted by requests first) */
  sort: z.enum(['rank', 'wsjf', 'votes']).default('rank'),
  deleted: z.enum(['true', 'false']).optional(),
  /** "true" adds `total`, the number of matching items; counting costs more than a page, so ask once */
  count: z.enum(['true', 'false']).optional(),
});
export type TItemListQuery = z.infer<typeof ZItemListQuery>;
export type TItemListQueryInput = z.input<typeof ZItemListQuery>;

/** `total` is present only when the query asked for it with count=true. */
export const ZItemPage = page(ZItemSummary).extend({ total: z.number().optional() });
export type TItemPage = z.infer<typeof ZItemPage>;

/**
 * A board card: only what a card shows, so a 2,000-card board stays small. Fields that are empty
 * (no estimate, labels, assignee or epic; not blocked) are left out rather than sent as null.
 */
export const ZCard = z.object({
  key: z.string(),
  type: z.enum(ITEM_TYPES),
  title: z.string(),
  stateId: z.number(),
  rank: z.string(),
  estimate: z.number().optional(),
  labels: z.array(z.string()).optional(),
  assigneeId: z.number().optional(),
  parentKey: z.string().optional(),
  blocked: z.boolean(),
  /** only on blocked cards; null when no reason was given */
  blockedReason: z.string().nullable().optional(),
  /** only on blocked cards */
  blockedSince: z.string().optional(),
  stateEnteredAt: z.string(),
  version: z.number(),
  /** only when some questions on the item wait for an answer */
  openQuestions: z.number().optional(),
  /** only when requests linked to the item have votes */
  votes: z.number().optional(),
});
export type TCard = z.infer<typeof ZCard>;

export const ZBoard = z.object({
  productKey: z.string(),
  lastEvent: z.number(),
  columns: z.array(
    z.object({
      stateId: z.number(),
      name: z.string(),
      category: z.enum(STATE_CATEGORIES),
      wipLimit: z.number().nullable(),
      count: z.number(),
      overLimit: z.boolean(),
      /** true when the column holds more items than its cards: backlog and done columns send at most 200 */
      hasMore: z.boolean(),
      /**
       * How a backlog or done column chooses the cards it sends: `top`, the first in rank order (the
       * next work); `latest`, the ones finished most recently. Null for columns that send every card.
       */
      capped: z.enum(['top', 'latest']).nullable(),
      /** in rank order */
      cards: z.array(ZCard),
    }),
  ),
  users: z.array(ZUserRef),
  epics: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type TBoard = z.infer<typeof ZBoard>;

export const ZComment = z.object({
  id: z.number(),
  author: ZUserRef,
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TComment = z.infer<typeof ZComment>;
export const ZCreateCommentRequest = z.strictObject({ body: z.string().trim().min(1, 'must not be empty').max(20_000) });

export const ZCreateCriterionRequest = z.strictObject({ text: z.string().trim().min(1).max(1000) });
export const ZUpdateCriterionRequest = z.strictObject({
  text: z.string().trim().min(1).max(1000).optional(),
  accepted: z.boolean().optional(),
  /** new index in the checklist */
  position: z.number().int().min(0).optional(),
});

export const ZCreateLinkRequest = z.strictObject({
  kind: z.enum(['blocks', 'blocked_by', 'relates']),
  key: ZItemKey,
});

// ---- endpoints ----

export const boardEndpoints = {
  get: endpoint({
    method: 'GET',
    path: '/api/products/{key}/board',
    tag: 'board',
    summary:
      'The board: one column per workflow state with WIP limit, count and cards (backlog columns: the first 200 in rank order; done columns: the 200 finished last), members and epics. ETag is the product’s last event; If-None-Match answers 304',
    params: ZProductParams,
    response: ZBoard,
    errors: [304, 404],
  }),
};

export const itemsEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/items',
    tag: 'items',
    summary:
      'A page of the backlog in rank order (or sort=wsjf), filtered by type, state, label, assignee, epic, sprint, release, blocked or text (q); count=true adds the total',
    params: ZProductParams,
    query: ZItemListQuery,
    response: ZItemPage,
    errors: [400, 404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/items',
    tag: 'items',
    summary: 'Add an item; it lands at the bottom of the backlog unless position, before or after say otherwise',
    params: ZProductParams,
    body: ZCreateItemRequest,
    response: ZItem,
    status: 201,
    errors: [400, 403, 404, 422],
  }),
  bulk: endpoint({
    method: 'POST',
    path: '/api/products/{key}/items/bulk',
    tag: 'items',
    summary:
      'Change several items at once, all or nothing: top or bottom of the backlog in their order, state, sprint, release, assignee, epic, labels added or removed',
    params: ZProductParams,
    body: ZBulkRequest,
    response: ZBulkResult,
    errors: [400, 403, 404, 422],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/items/{key}',
    tag: 'items',
    summary: 'One item with its acceptance criteria, links and, for epics, progress',
    params: ZItemParams,
    response: ZItem,
    errors: [404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/items/{key}',
    tag: 'items',
    summary: 'Edit an item; send the version you read (If-Match or "version"); a stale one gets 409 with the current item',
    params: ZItemParams,
    body: ZUpdateItemRequest,
    response: ZItem,
    errors: [400, 403, 404, 409, 422],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/items/{key}',
    tag: 'items',
    summary: 'Move an item to the trash (restorable)',
    params: ZItemParams,
    errors: [403, 404],
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/items/{key}/restore',
    tag: 'items',
    summary: 'Bring an item back from the trash',
    params: ZItemParams,
    response: ZItem,
    errors: [403, 404],
  }),
  move: endpoint({
    method: 'POST',
    path: '/api/items/{key}/move',
    tag: 'items',
    summary:
      'Place an item before or after another, or at the top or bottom (of a column with stateId, else of the backlog), optionally into another state under its rules',
    params: ZItemParams,
    body: ZMoveItemRequest,
    response: ZItem,
    errors: [400, 403, 404, 422],
  }),
};
