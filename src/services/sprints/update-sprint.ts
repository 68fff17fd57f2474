import type { Conn, SprintRow } from '../../db/schema.js';
import type { TActivityOf } from '../../contract/activity.js';
import type { TSprint, TUpdateSprintRequest } from '../../contract/sprints.js';
import { AppError, invalid } from '../../domain/errors.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { presentSprint } from './present-sprint.js';
import { requireChild } from '../access.js';

/** Renames, re-aims or re-dates a sprint read at `expectedVersion`; a stale version is a 409 with the current sprint. */
export async function updateSprint(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  input: Omit<TUpdateSprintRequest, 'version'>,
  expectedVersion: number,
): Promise<TSprint> {
  const { row: sprint, product } = await requireChild(ctx.db, actor, { table: 'sprints', id }, 'sprint.manage');
  if (sprint.version !== expectedVersion) throw stale(sprint, product.key);
  const startDate = input.startDate !== undefined ? input.startDate : sprint.start_date;
  const endDate = input.endDate !== undefined ? input.endDate : sprint.end_date;
  if (startDate && endDate && endDate < startDate) throw invalid('endDate', 'must not be before startDate');
  const fields = { name: 'name', goal: 'goal', startDate: 'start_date', endDate: 'end_date' } as const;
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const set: Record<string, unknown> = {};
    const before: SprintChanges = {};
    const after: SprintChanges = {};
    for (const [field, column] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
      const value = input[field];
      if (value === undefined || value === sprint[column]) continue;
      set[column] = value;
      changed(before, field, sprint[column]);
      changed(after, field, value);
    }
    if (Object.keys(set).length === 0) return presentSprint(sprint, product.key);
    const row = await tx.db
      .updateTable('sprints')
      .set({ ...set, version: sprint.version + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw stale(await currentSprint(tx.db, id), product.key);
    await tx.record({ productId: product.id, actorId: actor.userId, entityType: 'sprint', entityId: id, action: 'updated', before, after });
    return presentSprint(row, product.key);
  });
}

type SprintChanges = TActivityOf<'sprint', 'updated'>['before'];
const changed = <K extends keyof SprintChanges>(side: SprintChanges, field: K, value: SprintChanges[K]) => (side[field] = value);

function stale(sprint: SprintRow, productKey: string) {
  return new AppError('conflict', `Sprint ${sprint.name} was changed by someone else`, { current: presentSprint(sprint, productKey) });
}

const currentSprint = (db: Conn, id: number) => db.selectFrom('sprints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
