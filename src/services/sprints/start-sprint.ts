import type { TSprint } from '../../contract/sprints.js';
import { isUniqueViolation } from '../../db/errors.js';
import { dayOf, isoDay } from '../../domain/dates.js';
import { AppError, invalid } from '../../domain/errors.js';
import { mutate, nowIso, type Actor, type ServiceContext } from '../context.js';
import { presentSprint } from './present-sprint.js';
import { requireChild } from '../access.js';

/** A sprint without dates runs two weeks from the day it starts. */
export const DEFAULT_SPRINT_DAYS = 14;

/** Starts a planned sprint; a product runs one sprint at a time. */
export async function startSprint(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  input: { startDate?: string; endDate?: string } = {},
): Promise<TSprint> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'sprint.manage');
  if (sprint.state !== 'planned')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is ${sprint.state}; only a planned sprint can start`);
  const today = isoDay(dayOf(nowIso(ctx)));
  const startDate = input.startDate ?? sprint.start_date ?? today;
  const endDate = input.endDate ?? sprint.end_date ?? isoDay(dayOf(startDate) + DEFAULT_SPRINT_DAYS - 1);
  if (endDate < startDate) throw invalid('endDate', 'must not be before startDate');
  const row = await mutate(ctx, { productId: product.id }, async (tx) => {
    const active = await tx.db
      .selectFrom('sprints')
      .select('name')
      .where('product_id', '=', product.id)
      .where('state', '=', 'active')
      .executeTakeFirst();
    if (active) throw oneActive(active.name);
    const updated = await tx.db
      .updateTable('sprints')
      .set({ state: 'active', started_at: nowIso(tx), start_date: startDate, end_date: endDate, version: sprint.version + 1 })
      .where('id', '=', id)
      .where('state', '=', 'planned')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict', `Sprint ${sprint.name} was changed by someone else`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: id,
      action: 'started',
      before: { state: 'planned' },
      after: { state: 'active', startDate, endDate },
    });
    return updated;
  }).catch((e) => {
    // The unique index on active sprints refused a concurrent start.
    if (isUniqueViolation(e)) throw oneActive('another sprint');
    throw e;
  });
  return presentSprint(row, product.key);
}

const oneActive = (name: string) => new AppError('rule_violation', `${name} is already active; close it before starting another sprint`);
