import { z } from 'zod';
import { ZUserRef } from './common.js';
import { ITEM_TYPES, ZItem } from './items.js';
import { ZWorkflowState } from './products.js';
import { PRODUCT_ROLES } from '../domain/roles.js';
import { REQUEST_IMPACTS, REQUEST_STATES } from './requests.js';
import { HEALTHS } from '../domain/status-update.js';

/**
 * The activity log, typed: every entity × action a service records, with the shape of its
 * `before` and `after`. The writer (`tx.record` in src/services/context.ts) accepts only these,
 * responses are checked against them in tests, and the web app narrows on them, so an action is
 * written and read in one shape. The stored JSON is these objects as they are.
 */

/** A workflow rule an override let through, kept with the change it allowed. */
const ZOverride = {
  override: z.literal(true).optional(),
  violations: z.array(z.object({ rule: z.string(), message: z.string() })).optional(),
};

/** What an item edit or move can change, each field as the item shows it (the assignee and state by id). */
const itemChanges = {
  ...ZItem.pick({
    type: true,
    title: true,
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
    sprintId: true,
    releaseId: true,
    parentKey: true,
    labels: true,
    blocked: true,
    blockedReason: true,
    rank: true,
    stateId: true,
  }).shape,
  assigneeId: z.number().nullable(),
  /** the state's name at the time, so history reads right after a rename or delete */
  state: z.string(),
};
export const ZItemChanges = z.strictObject(itemChanges).partial();
export type TItemChanges = z.infer<typeof ZItemChanges>;

const ZLinkSide = z.strictObject({ kind: z.enum(['blocks', 'blocked_by', 'relates']), key: z.string(), title: z.string() });
const sprintFields = { name: z.string(), goal: z.string(), startDate: z.string().nullable(), endDate: z.string().nullable() };
const releaseFields = { name: z.string(), description: z.string(), targetDate: z.string().nullable(), releasedAt: z.string().nullable() };

/** One entity × action (or several actions of one shape) with its before and after. */
function change<E extends string, const A extends readonly [string, ...string[]], B extends z.ZodType, F extends z.ZodType>(
  entityType: E,
  actions: A,
  before: B,
  after: F,
) {
  return z.object({
    id: z.number(),
    productKey: z.string(),
    actor: ZUserRef.nullable(),
    entityType: z.literal(entityType),
    entityId: z.number(),
    itemKey: z.string().nullable(),
    action: z.enum(actions),
    before,
    after,
    at: z.string(),
  });
}

const none = z.null();

const ZItemActivity = z.discriminatedUnion('action', [
  change(
    'item',
    ['created'],
    none,
    z.strictObject({
      key: z.string(),
      type: z.enum(ITEM_TYPES),
      title: z.string().optional(),
      stateId: z.number(),
      state: z.string(),
      rank: z.string().optional(),
      ...ZOverride,
    }),
  ),
  /** `moved` when the rank or state changed (a bulk change may carry other fields with it), `updated` otherwise */
  change('item', ['updated', 'moved'], ZItemChanges, z.strictObject({ ...itemChanges, ...ZOverride }).partial()),
  change('item', ['deleted'], z.strictObject({ deletedAt: z.null() }), z.strictObject({ deletedAt: z.string() })),
  change('item', ['restored'], z.strictObject({ deletedAt: z.string() }), z.strictObject({ deletedAt: z.null() })),
]);

const ZCommentActivity = z.discriminatedUnion('action', [
  change('comment', ['created'], none, z.strictObject({ body: z.string() })),
  change('comment', ['updated'], z.strictObject({ body: z.string() }), z.strictObject({ body: z.string() })),
  change('comment', ['deleted'], z.strictObject({ body: z.string(), author: ZUserRef }), none),
]);

const ZCriterionActivity = z.discriminatedUnion('action', [
  change('criterion', ['created'], none, z.strictObject({ text: z.string() })),
  /** `after.text` always names the criterion; the other fields are those that changed */
  change(
    'criterion',
    ['updated', 'accepted', 'unaccepted', 'reordered'],
    z.strictObject({ text: z.string(), accepted: z.boolean(), position: z.number() }).partial(),
    z.strictObject({ text: z.string(), accepted: z.boolean().optional(), position: z.number().optional() }),
  ),
  change('criterion', ['deleted'], z.strictObject({ text: z.string(), accepted: z.boolean() }), none),
]);

/** Recorded on both items, each from its own side: `key` and `title` are the other item's. */
const ZLinkActivity = z.discriminatedUnion('action', [
  change('link', ['created'], none, ZLinkSide),
  change('link', ['deleted'], ZLinkSide, none),
]);

const ZSprintActivity = z.discriminatedUnion('action', [
  change('sprint', ['created'], none, z.strictObject(sprintFields)),
  change('sprint', ['updated'], z.strictObject(sprintFields).partial(), z.strictObject(sprintFields).partial()),
  change('sprint', ['deleted'], z.strictObject({ name: z.string() }), none),
  change(
    'sprint',
    ['started'],
    z.strictObject({ state: z.literal('planned') }),
    z.strictObject({ state: z.literal('active'), startDate: z.string(), endDate: z.string() }),
  ),
  change(
    'sprint',
    ['closed'],
    z.strictObject({ state: z.literal('active') }),
    z.strictObject({
      state: z.literal('closed'),
      completedPoints: z.number(),
      completedItems: z.number(),
      unfinished: z.number(),
      unfinishedTo: z.union([z.strictObject({ sprintId: z.number(), name: z.string() }), z.literal('backlog')]),
    }),
  ),
]);

const ZReleaseActivity = z.discriminatedUnion('action', [
  change('release', ['created'], none, z.strictObject({ name: z.string(), targetDate: z.string().nullable() })),
  change('release', ['updated'], z.strictObject(releaseFields).partial(), z.strictObject(releaseFields).partial()),
  change('release', ['deleted'], z.strictObject({ name: z.string() }), none),
]);

const productFields = { name: z.string(), vision: z.string() };
const ZProductActivity = z.discriminatedUnion('action', [
  change('product', ['created'], none, z.strictObject({ key: z.string(), name: z.string() })),
  change('product', ['updated'], z.strictObject(productFields).partial(), z.strictObject(productFields).partial()),
  change('product', ['archived', 'restored'], none, none),
]);

const ZRole = z.enum(PRODUCT_ROLES);
const ZMemberActivity = z.discriminatedUnion('action', [
  change('member', ['added'], none, z.strictObject({ role: ZRole, name: z.string() })),
  change('member', ['role_changed'], z.strictObject({ role: ZRole }), z.strictObject({ role: ZRole, name: z.string() })),
  change('member', ['removed'], z.strictObject({ role: ZRole }), none),
]);

const ZState = z.strictObject(ZWorkflowState.shape);
const ZStateActivity = z.discriminatedUnion('action', [
  change('state', ['created'], none, ZState),
  change('state', ['updated'], ZState, ZState),
  change('state', ['deleted'], ZState, none),
]);

const ZQuestionActivity = z.discriminatedUnion('action', [
  change('question', ['created'], none, z.strictObject({ body: z.string(), addressee: ZUserRef.nullable() })),
  change(
    'question',
    ['answered'],
    z.strictObject({ state: z.literal('open') }),
    z.strictObject({ state: z.literal('answered'), answer: z.string(), decision: z.boolean() }),
  ),
]);

const ZDecisionActivity = z.discriminatedUnion('action', [
  change(
    'decision',
    ['created'],
    none,
    z.strictObject({
      title: z.string(),
      questionId: z.number().nullable().optional(),
      supersedes: z.number().nullable(),
      itemIds: z.array(z.number()),
    }),
  ),
  change('decision', ['superseded'], none, z.strictObject({ supersededBy: z.number() })),
]);

const ZRequestActivity = z.discriminatedUnion('action', [
  change('request', ['created'], none, z.strictObject({ title: z.string(), customer: z.string(), impact: z.enum(REQUEST_IMPACTS) })),
  change('request', ['voted', 'unvoted'], none, none),
  change('request', ['customer_added'], none, z.strictObject({ customer: z.string() })),
  change(
    'request',
    ['linked', 'merged', 'declined'],
    z.strictObject({ state: z.literal('new') }),
    z.strictObject({
      state: z.enum(REQUEST_STATES),
      itemId: z.number().nullable(),
      created: z.boolean(),
      mergedInto: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
]);

const ZHealthValue = z.enum(HEALTHS);
const ZStatusUpdateActivity = z.discriminatedUnion('action', [
  change('status_update', ['drafted'], none, z.strictObject({ since: z.string(), suggestedHealth: ZHealthValue })),
  /** a draft's edits name the health and the body's length, not its text: drafts are not for every reader of the log */
  change(
    'status_update',
    ['edited'],
    z.strictObject({ health: ZHealthValue.nullable(), bodyLength: z.number() }).partial(),
    z.strictObject({ health: ZHealthValue.nullable(), bodyLength: z.number() }).partial(),
  ),
  change(
    'status_update',
    ['published'],
    z.strictObject({ state: z.literal('draft') }),
    z.strictObject({ state: z.literal('published'), health: ZHealthValue }),
  ),
  change(
    'status_update',
    ['corrected'],
    z.strictObject({ body: z.string(), health: ZHealthValue }),
    z.strictObject({ body: z.string(), health: ZHealthValue, note: z.string() }),
  ),
]);

const ZShareLinkScope = z.strictObject({ updates: z.boolean(), forecasts: z.boolean(), roadmap: z.boolean() });
const ZShareLinkActivity = z.discriminatedUnion('action', [
  change('share_link', ['created'], none, z.strictObject({ label: z.string(), scope: ZShareLinkScope, expiresAt: z.string().nullable() })),
  change('share_link', ['revoked'], z.strictObject({ label: z.string() }), z.strictObject({ revokedAt: z.string() })),
]);

/** A webhook registered or removed; the log names its host only (a URL may carry a token). */
const ZWebhookActivity = z.discriminatedUnion('action', [
  change('webhook', ['created'], none, z.strictObject({ host: z.string(), events: z.array(z.string()) })),
  change('webhook', ['deleted'], z.strictObject({ host: z.string() }), none),
]);

/** One row of the activity log, as history and as an SSE event: one of the entity × action shapes above. */
export const ZActivity = z.discriminatedUnion('entityType', [
  ZItemActivity,
  ZCommentActivity,
  ZCriterionActivity,
  ZLinkActivity,
  ZSprintActivity,
  ZReleaseActivity,
  ZProductActivity,
  ZMemberActivity,
  ZStateActivity,
  ZQuestionActivity,
  ZDecisionActivity,
  ZRequestActivity,
  ZStatusUpdateActivity,
  ZShareLinkActivity,
  ZWebhookActivity,
]);
export type TActivity = z.infer<typeof ZActivity>;
export type TActivityEntity = TActivity['entityType'];

/** The activity of one entity (and action), narrowed: `TActivityOf<'item', 'moved'>`. */
export type TActivityOf<E extends TActivityEntity, A extends string = string> = Extract<TActivity, { entityType: E }> &
  (string extends A ? unknown : { action: A });

/** What a writer records: one entity × action with its before and after, without the row's own fields. */
export type TActivityChange = TActivity extends infer T
  ? T extends TActivity
    ? Pick<T, 'entityType' | 'action' | 'before' | 'after'>
    : never
  : never;

/**
 * Any activity row read without narrowing, `before` and `after` as plain records: for code that
 * only passes rows along or looks for a field whatever the action.
 */
export type TAnyActivity = Omit<TActivity, 'entityType' | 'action' | 'before' | 'after'> & {
  entityType: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
