import { lockProductRow } from '../../db/locks.js';
import type { Conn, WorkflowStateRow } from '../../db/schema.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import type { Role } from '../../domain/roles.js';
import { entryViolations, type EntryRule, type Violation } from '../../domain/workflow.js';
import type { TxContext } from '../context.js';

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
 * (SQLite runs one writer at a time anyway.) A mutation that named the product holds the lock
 * from its first statement (decision 0014), so only one that did not takes it here.
 */
export async function lockForWipCount(tx: TxContext, productId: number, target: Pick<WorkflowStateRow, 'wip_limit'>) {
  if (target.wip_limit == null || tx.lockedProductId === productId) return;
  await lockProductRow(tx.db, tx.dialect, productId);
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
