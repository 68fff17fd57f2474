import type { Conn, ItemRow, WorkflowStateRow } from '../../db/schema.js';
import { AppError, forbidden, invalid } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import type { Role } from '../../domain/roles.js';
import { entryViolations, type EntryRule, type Violation } from '../../domain/workflow.js';
import type { TxContext } from '../context.js';

/** References an edit may set, each checked to belong to the item's product. */
export interface ReferenceInput {
  assigneeId?: number | null;
  parentKey?: string | null;
  sprintId?: number | null;
  releaseId?: number | null;
}

export interface ResolvedReferences {
  assignee?: { id: number; name: string } | null;
  parentId?: number | null;
  sprintId?: number | null;
  releaseId?: number | null;
}

/**
 * Checks that an assignee is a member of the product, a parent is an epic of it (and not the item
 * itself), and a sprint or release is the product's; 400 naming the field otherwise.
 */
export async function resolveReferences(
  db: Conn,
  productId: number,
  input: ReferenceInput,
  self?: { id: number; key: string },
): Promise<ResolvedReferences> {
  const out: ResolvedReferences = {};
  if (input.assigneeId !== undefined) {
    if (input.assigneeId === null) out.assignee = null;
    else {
      const member = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name'])
        .where('memberships.product_id', '=', productId)
        .where('memberships.user_id', '=', input.assigneeId)
        .executeTakeFirst();
      if (!member) throw invalid('assigneeId', 'must be a member of the product');
      out.assignee = member;
    }
  }
  if (input.parentKey !== undefined) {
    if (input.parentKey === null) out.parentId = null;
    else {
      if (self && input.parentKey === self.key) throw invalid('parentKey', 'an item cannot be its own parent');
      const parent = await db
        .selectFrom('items')
        .select(['id', 'type'])
        .where('key', '=', input.parentKey)
        .where('product_id', '=', productId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!parent || parent.type !== 'epic') throw invalid('parentKey', 'must be the key of an epic in this product');
      out.parentId = parent.id;
    }
  }
  for (const [field, table] of [
    ['sprintId', 'sprints'],
    ['releaseId', 'releases'],
  ] as const) {
    const id = input[field];
    if (id === undefined) continue;
    if (id !== null) {
      const row = await db.selectFrom(table).select('id').where('id', '=', id).where('product_id', '=', productId).executeTakeFirst();
      if (!row) throw invalid(field, `must be a ${table.slice(0, -1)} of this product`);
    }
    out[field] = id;
  }
  return out;
}

export async function loadState(db: Conn, productId: number, stateId: number | undefined): Promise<WorkflowStateRow> {
  let q = db.selectFrom('workflow_states').selectAll().where('product_id', '=', productId);
  q = stateId === undefined ? q.orderBy('position').limit(1) : q.where('id', '=', stateId);
  const state = await q.executeTakeFirst();
  if (!state) {
    if (stateId === undefined) throw new AppError('rule_violation', 'The product has no workflow states');
    throw invalid('stateId', `state ${stateId} is not a state of this product`);
  }
  return state;
}

export interface RuleSubjectRow {
  /** null for an item not created yet */
  id: number | null;
  estimate: number | null;
  description: string;
  blocked: boolean;
}

/**
 * Why each of `items` may not enter `target`, in order. The items enter one after another, so
 * the WIP limit counts those ahead of each in the list as already there.
 */
export async function stateEntryViolations(db: Conn, target: WorkflowStateRow, items: RuleSubjectRow[]): Promise<Violation[][]> {
  const rules = JSON.parse(target.entry_rules) as EntryRule[];
  if (target.wip_limit == null && rules.length === 0) return items.map(() => []);
  const ids = items.map((i) => i.id).filter((id): id is number => id != null);
  let othersInState = 0;
  if (target.wip_limit != null) {
    let q = db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state_id', '=', target.id)
      .where('deleted_at', 'is', null);
    if (ids.length > 0) q = q.where('id', 'not in', ids);
    othersInState = Number((await q.executeTakeFirstOrThrow()).n);
  }
  const criteria = new Map<number, { total: number; accepted: number }>();
  if (ids.length > 0 && rules.some((r) => r === 'ready.criteria' || r === 'done.criteria_accepted')) {
    const rows = await db
      .selectFrom('acceptance_criteria')
      .select((eb) => ['item_id', eb.fn.countAll<number>().as('total'), eb.fn.sum<number>('accepted').as('accepted')])
      .where('item_id', 'in', ids)
      .groupBy('item_id')
      .execute();
    for (const r of rows) criteria.set(r.item_id, { total: Number(r.total), accepted: Number(r.accepted ?? 0) });
  }
  return items.map((item, i) => {
    const c = (item.id != null && criteria.get(item.id)) || { total: 0, accepted: 0 };
    return entryViolations(
      { name: target.name, wipLimit: target.wip_limit, entryRules: rules, countWithoutItem: othersInState + i },
      {
        estimate: item.estimate,
        description: item.description,
        blocked: item.blocked,
        criteriaCount: c.total,
        criteriaAccepted: c.accepted,
      },
    );
  });
}

/**
 * Refuses a state change that breaks the target's WIP limit or entry rules (422 listing every
 * violation) unless `override` is asked for by someone who may override; asking without that
 * right is a 403 whether or not a rule is broken.
 */
export function enforceRules<V extends { message: string }>(role: Role, violations: V[], override: boolean | undefined): V[] {
  if (override && !can(role, 'rule.override')) throw forbidden(`A ${role} cannot override workflow rules`);
  if (violations.length > 0 && !override) {
    throw new AppError('rule_violation', violations.map((v) => v.message).join('; '), { violations });
  }
  return violations;
}

/**
 * On PostgreSQL, takes the product row's lock before a WIP limit is counted, so two moves into
 * the last free place of a column are counted one after the other and the second is refused.
 * (SQLite runs one writer at a time anyway.) The lock would be taken at the end anyway, when the
 * activity row takes its event number.
 */
export async function lockForWipCount(tx: TxContext, productId: number, target: Pick<WorkflowStateRow, 'wip_limit'>) {
  if (tx.dialect !== 'postgres' || target.wip_limit == null) return;
  await tx.db.selectFrom('products').select('id').where('id', '=', productId).forUpdate().execute();
}

/** Checks one item entering a state; returns the violations an override let through, for the activity log. */
export async function checkStateEntry(
  db: Conn,
  role: Role,
  target: WorkflowStateRow,
  item: RuleSubjectRow,
  override: boolean | undefined,
): Promise<Violation[]> {
  if (override && !can(role, 'rule.override')) throw forbidden(`A ${role} cannot override workflow rules`);
  const [violations] = await stateEntryViolations(db, target, [item]);
  return enforceRules(role, violations!, override);
}

/** Timestamps that follow a state change: when it entered, first started, and finished. */
export function stateEntryColumns(
  item: Pick<ItemRow, 'started_at' | 'done_at'> | null,
  target: Pick<WorkflowStateRow, 'category'>,
  now: string,
): Pick<ItemRow, 'state_entered_at' | 'started_at' | 'done_at'> {
  return {
    state_entered_at: now,
    started_at: item?.started_at ?? (target.category === 'in_progress' || target.category === 'done' ? now : null),
    done_at: target.category === 'done' ? (item?.done_at ?? now) : null,
  };
}

/** Blocking opens a blocked period; unblocking adds the closed period to the item's total. */
export function blockedColumns(
  item: Pick<ItemRow, 'blocked' | 'blocked_since' | 'blocked_seconds' | 'blocked_reason'>,
  blocked: boolean,
  reason: string | null | undefined,
  now: Date,
): Pick<ItemRow, 'blocked' | 'blocked_since' | 'blocked_seconds' | 'blocked_reason'> {
  if (blocked && !item.blocked) {
    return { blocked: 1, blocked_since: now.toISOString(), blocked_seconds: item.blocked_seconds, blocked_reason: reason ?? null };
  }
  if (!blocked && item.blocked) {
    const since = item.blocked_since ? Date.parse(item.blocked_since) : now.getTime();
    const closed = Math.max(0, Math.floor((now.getTime() - since) / 1000));
    return { blocked: 0, blocked_since: null, blocked_seconds: item.blocked_seconds + closed, blocked_reason: null };
  }
  return {
    blocked: item.blocked,
    blocked_since: item.blocked_since,
    blocked_seconds: item.blocked_seconds,
    // A reason belongs to a blocked period; an unblocked item has none.
    blocked_reason: item.blocked && reason !== undefined ? reason : item.blocked_reason,
  };
}

/** Two writers chose the same rank: the unique index refused the later one, which may try again. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** Runs a whole mutation again (against fresh neighbours) when it lost a race for a rank. */
export async function retryOnRankCollision<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (i >= attempts) throw new AppError('conflict', 'Others are moving items into the same place right now; try again');
    }
  }
}

/** Planning an item into a sprint or release is the owner's call (sprint.manage, release.manage), not an ordinary edit. */
export function requirePlanningRights(role: Role, changes: { sprint?: boolean; release?: boolean }) {
  if (changes.sprint && !can(role, 'sprint.manage')) throw forbidden(`A ${role} cannot plan items into sprints`);
  if (changes.release && !can(role, 'release.manage')) throw forbidden(`A ${role} cannot plan items into releases`);
}
