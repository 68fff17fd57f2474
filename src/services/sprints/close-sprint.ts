import { sql } from 'kysely';
import type { SprintRow } from '../../db/schema.js';
import type { TCloseSprintRequest, TSprint } from '../../contract/sprints.js';
import { AppError, invalid } from '../../domain/errors.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { setItemsSprint } from './plan-items.js';
import { presentSprint } from './present-sprint.js';
import { keepSprintRecord, replaySprintRecord } from './sprint-record.js';
import { sprintTotals } from '../../domain/sprint-record.js';
import { requireChild } from '../access.js';

/**
 * Closes the active sprint: keeps its record (what it committed, took on, gave up, finished and
 * moved on) and its velocity, and sends unfinished items back to the backlog or into the next
 * sprint, in one transaction.
 */
export async function closeSprint(ctx: ServiceContext, actor: Actor, id: number, input: TCloseSprintRequest): Promise<TSprint> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'sprint.manage');
  if (sprint.state !== 'active')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is ${sprint.state}; only the active sprint can be closed`);
  const row = await mutate(ctx, { productId: product.id }, async (tx) => {
    // Taken before anything moves: the record and the burndown count every change up to here and none of the close's own.
    const closedAt = nowIso(tx);
    let next: SprintRow | undefined;
    if (input.unfinished === 'next') {
      next = input.nextSprintId
        ? await tx.db
            .selectFrom('sprints')
            .selectAll()
            .where('id', '=', input.nextSprintId)
            .where('product_id', '=', product.id)
            .executeTakeFirst()
        : await tx.db
            .selectFrom('sprints')
            .selectAll()
            .where('product_id', '=', product.id)
            .where('state', '=', 'planned')
            .orderBy(sql`coalesce(start_date, '9999')`)
            .orderBy('id')
            .executeTakeFirst();
      if (!next && input.nextSprintId) throw invalid('nextSprintId', 'must be a sprint of this product');
      if (!next)
        throw new AppError(
          'rule_violation',
          'There is no planned sprint to carry unfinished items into; plan one, or send them to the backlog',
        );
      if (next.id === id || next.state === 'closed') throw invalid('nextSprintId', 'must be a planned sprint other than this one');
    }
    const items = await tx.db
      .selectFrom('items')
      .innerJoin('workflow_states', 'workflow_states.id', 'items.state_id')
      .select(['items.id', 'workflow_states.category'])
      .where('items.sprint_id', '=', id)
      .where('items.deleted_at', 'is', null)
      .execute();
    // Epics move on with the rest but count in neither the record nor the velocity.
    const unfinished = items.filter((i) => i.category !== 'done');
    const record = await replaySprintRecord(tx.db, sprint, closedAt);
    const totals = sprintTotals(record);
    const completedPoints = totals.done.points;
    // The first write: of two closes at once, the second waits here and then finds the sprint closed.
    const closed = await tx.db
      .updateTable('sprints')
      .set({
        state: 'closed',
        closed_at: closedAt,
        recorded_at: closedAt,
        completed_points: completedPoints,
        completed_items: totals.done.items,
        version: sprint.version + 1,
      })
      .where('id', '=', id)
      .where('state', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    if (!closed) throw new AppError('conflict', `Sprint ${sprint.name} was changed by someone else`);
    await keepSprintRecord(tx, id, record);
    await setItemsSprint(
      tx,
      actor,
      product.id,
      unfinished.map((i) => i.id),
      id,
      next?.id ?? null,
    );
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: id,
      action: 'closed',
      before: { state: 'active' },
      after: {
        state: 'closed',
        completedPoints,
        completedItems: totals.done.items,
        unfinished: unfinished.length,
        unfinishedTo: next ? { sprintId: next.id, name: next.name } : 'backlog',
      },
    });
    return closed;
  });
  return presentSprint(row, product.key);
}
