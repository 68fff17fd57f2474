import type { Conn } from '../../db/schema.js';
import type { TScopeItem } from '../../contract/sprints.js';
import type { ItemType } from '../../contract/items.js';
import type { StateCategory } from '../../domain/workflow.js';

/** The items of a sprint, or the given items (a release's scope), in rank order, as a scope list shows them. */
export async function scopeItems(db: Conn, where: { sprintId: number } | { itemIds: number[] }): Promise<TScopeItem[]> {
  if ('itemIds' in where && where.itemIds.length === 0) return [];
  let q = db
    .selectFrom('items')
    .innerJoin('workflow_states', 'workflow_states.id', 'items.state_id')
    .leftJoin('users', 'users.id', 'items.assignee_id')
    .select([
      'items.key',
      'items.title',
      'items.type',
      'items.state_id',
      'workflow_states.category',
      'items.estimate',
      'items.assignee_id',
      'users.name as assignee_name',
      'items.blocked',
      'items.blocked_reason',
      'items.blocked_since',
    ])
    .where('items.deleted_at', 'is', null)
    .orderBy('items.rank');
  q = 'sprintId' in where ? q.where('items.sprint_id', '=', where.sprintId) : q.where('items.id', 'in', where.itemIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    key: r.key,
    title: r.title,
    type: r.type as ItemType,
    stateId: r.state_id,
    stateCategory: r.category as StateCategory,
    estimate: r.estimate,
    assignee: r.assignee_id !== null ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    blocked: !!r.blocked,
    blockedReason: r.blocked_reason,
    blockedSince: r.blocked_since,
  }));
}

/** Done and total items and points of a scope; epics are containers and do not count. */
export function progressOf(scope: TScopeItem[]) {
  const work = scope.filter((i) => i.type !== 'epic');
  const done = work.filter((i) => i.stateCategory === 'done');
  const points = (list: TScopeItem[]) => list.reduce((sum, i) => sum + (i.estimate ?? 0), 0);
  return {
    items: { done: done.length, total: work.length },
    points: { done: points(done), total: points(work) },
    unestimated: work.filter((i) => i.estimate === null).length,
  };
}
