import { forbidden } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import type { Role } from '../../domain/roles.js';

/** Planning an item into a sprint or release is the owner's call (sprint.manage, release.manage), not an ordinary edit. */
export function requirePlanningRights(role: Role, changes: { sprint?: boolean; release?: boolean }) {
  if (changes.sprint && !can(role, 'sprint.manage')) throw forbidden(`A ${role} cannot plan items into sprints`);
  if (changes.release && !can(role, 'release.manage')) throw forbidden(`A ${role} cannot plan items into releases`);
}
