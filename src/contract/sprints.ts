import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZId, ZIdParams, ZIsoDate, ZItemKey, ZProductParams } from './common.js';
import { ITEM_TYPES } from './items.js';
import { STATE_CATEGORIES } from '../domain/workflow.js';

/** Sprints: plan, start, close, burndown and velocity. Chart series are columnar: one array per measure, index-aligned with `dates`. */

export const SPRINT_STATES = ['planned', 'active', 'closed'] as const;

const name = z.string().trim().min(1, 'must not be empty').max(200);

export const ZSprint = z.object({
  id: z.number(),
  productKey: z.string(),
  name: z.string(),
  goal: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  state: z.enum(SPRINT_STATES),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** recorded when the sprint closes: what it finished */
  completedPoints: z.number().nullable(),
  completedItems: z.number().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type TSprint = z.infer<typeof ZSprint>;

export const ZScopeItem = z.object({
  key: z.string(),
  title: z.string(),
  type: z.enum(ITEM_TYPES),
  stateId: z.number(),
  stateCategory: z.enum(STATE_CATEGORIES),
  estimate: z.number().nullable(),
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  blocked: z.boolean(),
  blockedReason: z.string().nullable(),
  blockedSince: z.string().nullable(),
});
export type TScopeItem = z.infer<typeof ZScopeItem>;

export const ZProgress = z.object({
  items: z.object({ done: z.number(), total: z.number() }),
  points: z.object({ done: z.number(), total: z.number() }),
  /** items without an estimate: counted in items, not in points */
  unestimated: z.number(),
});

/** An item that joined or left the scope after it was set: a marker on the chart. */
export const ZScopeChange = z.object({
  at: z.string(),
  date: z.string(),
  key: z.string(),
  title: z.string(),
  change: z.enum(['added', 'removed']),
  points: z.number().nullable(),
});
export type TScopeChange = z.infer<typeof ZScopeChange>;

export const ZBurndown = z.object({
  /** one entry per day from the sprint's start to today (active) or its close */
  dates: z.array(z.string()),
  remainingItems: z.array(z.number()),
  remainingPoints: z.array(z.number()),
  scopeItems: z.array(z.number()),
  scopePoints: z.array(z.number()),
  scopeChanges: z.array(ZScopeChange),
});

const ZTally = z.object({ items: z.number(), points: z.number() });

/** One item's part in a closed sprint. */
export const ZSprintRecordItem = z.object({
  key: z.string(),
  title: z.string(),
  type: z.enum(ITEM_TYPES),
  /** in the sprint when it started */
  committed: z.boolean(),
  /** joined after the start */
  added: z.boolean(),
  /** done at the close, moved on unfinished by the close, or taken out (or deleted) during the sprint */
  outcome: z.enum(['done', 'moved_on', 'removed']),
  /** its estimate at the close, or when it was taken out */
  points: z.number().nullable(),
});
export type TSprintRecordItem = z.infer<typeof ZSprintRecordItem>;

/**
 * What a closed sprint committed to, took on and gave up, finished and moved on; epics are
 * containers and do not count. Committed + added − removed = done + moved on (in points once
 * `reestimated` is added to the left side). The burndown is replayed from the same history.
 */
export const ZSprintRecord = z.object({
  /** `kept`: written when the sprint closed; `replayed`: read back from the activity log, for sprints closed before records were kept */
  source: z.enum(['kept', 'replayed']),
  committed: ZTally,
  added: ZTally,
  removed: ZTally,
  done: ZTally,
  movedOn: ZTally.extend({
    /** where the close sent unfinished items: the backlog, or a sprint (its name as it was) */
    to: z.union([z.literal('backlog'), z.object({ sprintId: z.number(), name: z.string() })]).nullable(),
  }),
  /** points the sprint's items gained (negative: lost) by re-estimates while in it */
  reestimated: z.number(),
  /** items at the close without an estimate: counted in items, not in points */
  unestimated: z.number(),
  /** in rank order */
  items: z.array(ZSprintRecordItem),
});
export type TSprintRecord = z.infer<typeof ZSprintRecord>;

export const ZSprintDetail = ZSprint.extend({
  /** for a closed sprint: done against what it held at the close (done + moved on) */
  progress: ZProgress,
  /** the items in the sprint now; a closed sprint keeps only what it finished, and its record says the rest */
  scope: z.array(ZScopeItem),
  burndown: ZBurndown,
  /** closed sprints only */
  record: ZSprintRecord.nullable(),
});
export type TSprintDetail = z.infer<typeof ZSprintDetail>;

export const ZSprintList = z.object({ items: z.array(ZSprint), nextCursor: z.null() });

const sprintDates = <T extends { startDate?: string | null; endDate?: string | null }>(s: T) =>
  !s.startDate || !s.endDate || s.endDate >= s.startDate;

export const ZCreateSprintRequest = z
  .strictObject({
    name,
    goal: z.string().max(2000).optional(),
    startDate: ZIsoDate.nullable().optional(),
    endDate: ZIsoDate.nullable().optional(),
  })
  .refine(sprintDates, { message: 'must not be before startDate', path: ['endDate'] });
export type TCreateSprintRequest = z.infer<typeof ZCreateSprintRequest>;

export const ZUpdateSprintRequest = z
  .strictObject({
    name: name.optional(),
    goal: z.string().max(2000).optional(),
    startDate: ZIsoDate.nullable().optional(),
    endDate: ZIsoDate.nullable().optional(),
    /** the version read; required here or as If-Match */
    version: z.number().int().optional(),
  })
  .refine(sprintDates, { message: 'must not be before startDate', path: ['endDate'] });
export type TUpdateSprintRequest = z.infer<typeof ZUpdateSprintRequest>;

export const ZPlanItemsRequest = z.strictObject({ keys: z.array(ZItemKey).min(1).max(500) });
export type TPlanItemsRequest = z.infer<typeof ZPlanItemsRequest>;

export const ZStartSprintRequest = z
  .strictObject({ startDate: ZIsoDate.optional(), endDate: ZIsoDate.optional() })
  .refine(sprintDates, { message: 'must not be before startDate', path: ['endDate'] });

export const ZCloseSprintRequest = z
  .strictObject({
    /** where unfinished items go: back to the backlog (no sprint), or into the next sprint */
    unfinished: z.enum(['backlog', 'next']),
    /** the sprint to carry them into; the next planned sprint when absent */
    nextSprintId: z.number().int().positive().optional(),
  })
  .refine((c) => c.unfinished === 'next' || c.nextSprintId === undefined, {
    message: 'only with unfinished: "next"',
    path: ['nextSprintId'],
  });
export type TCloseSprintRequest = z.infer<typeof ZCloseSprintRequest>;

export const ZVelocity = z.object({
  productKey: z.string(),
  /** closed sprints, oldest first */
  sprints: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      closedAt: z.string(),
      points: z.number(),
      items: z.number(),
    }),
  ),
  /** mean of the last three closed sprints; null before the first closes */
  average: z.object({ points: z.number(), items: z.number() }).nullable(),
});
export type TVelocity = z.infer<typeof ZVelocity>;

// ---- endpoints ----

export const sprintsEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/sprints',
    tag: 'sprints',
    summary: "A product's sprints, by start date (undated last)",
    params: ZProductParams,
    response: ZSprintList,
    errors: [404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/sprints',
    tag: 'sprints',
    summary: 'Plan a sprint with a name, goal and dates',
    params: ZProductParams,
    body: ZCreateSprintRequest,
    response: ZSprint,
    status: 201,
    errors: [400, 403, 404],
  }),
  velocity: endpoint({
    method: 'GET',
    path: '/api/products/{key}/velocity',
    tag: 'sprints',
    summary: 'Points and items finished in each closed sprint',
    params: ZProductParams,
    response: ZVelocity,
    errors: [404],
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/sprints/{id}',
    tag: 'sprints',
    summary:
      'A sprint with its goal, scope, progress and daily burndown (scope changes after the start marked); a closed sprint with its record: committed, added, removed, done and moved on',
    params: ZIdParams,
    response: ZSprintDetail,
    errors: [404],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/sprints/{id}',
    tag: 'sprints',
    summary: "Change a sprint's name, goal or dates",
    params: ZIdParams,
    body: ZUpdateSprintRequest,
    response: ZSprint,
    errors: [400, 403, 404, 409],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/sprints/{id}',
    tag: 'sprints',
    summary: 'Delete a planned sprint; its items go back to the backlog',
    params: ZIdParams,
    errors: [403, 404, 422],
  }),
  addItems: endpoint({
    method: 'POST',
    path: '/api/sprints/{id}/items',
    tag: 'sprints',
    summary: 'Plan items into the sprint (one transaction); returns the sprint',
    params: ZIdParams,
    body: ZPlanItemsRequest,
    response: ZSprintDetail,
    errors: [400, 403, 404, 422],
  }),
  removeItem: endpoint({
    method: 'DELETE',
    path: '/api/sprints/{id}/items/{itemKey}',
    tag: 'sprints',
    summary: 'Take an item out of the sprint, back to the backlog',
    params: z.object({ id: ZId, itemKey: ZItemKey }),
    errors: [403, 404],
  }),
  start: endpoint({
    method: 'POST',
    path: '/api/sprints/{id}/start',
    tag: 'sprints',
    summary: 'Start a planned sprint (one active sprint per product; 422 otherwise); dates default to today and two weeks',
    params: ZIdParams,
    body: ZStartSprintRequest,
    response: ZSprint,
    errors: [400, 403, 404, 422],
  }),
  close: endpoint({
    method: 'POST',
    path: '/api/sprints/{id}/close',
    tag: 'sprints',
    summary: 'Close the active sprint, recording its velocity; unfinished items go to the backlog or the next sprint',
    params: ZIdParams,
    body: ZCloseSprintRequest,
    response: ZSprint,
    errors: [400, 403, 404, 409, 422],
  }),
};
