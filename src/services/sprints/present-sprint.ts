import type { SprintRow } from '../../db/schema.js';
import type { TSprint } from '../../contract/sprints.js';

export function presentSprint(s: SprintRow, productKey: string): TSprint {
  return {
    id: s.id,
    productKey,
    name: s.name,
    goal: s.goal,
    startDate: s.start_date,
    endDate: s.end_date,
    state: s.state as TSprint['state'],
    startedAt: s.started_at,
    closedAt: s.closed_at,
    completedPoints: s.completed_points,
    completedItems: s.completed_items,
    createdAt: s.created_at,
    version: s.version,
  };
}
