import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { addSprintItems } from '../../services/sprints/add-sprint-items.js';
import { closeSprint } from '../../services/sprints/close-sprint.js';
import { createSprint } from '../../services/sprints/create-sprint.js';
import { deleteSprint } from '../../services/sprints/delete-sprint.js';
import { getSprint } from '../../services/sprints/get-sprint.js';
import { listSprints } from '../../services/sprints/list-sprints.js';
import { removeSprintItem } from '../../services/sprints/remove-sprint-item.js';
import { startSprint } from '../../services/sprints/start-sprint.js';
import { updateSprint } from '../../services/sprints/update-sprint.js';
import { getVelocity } from '../../services/sprints/velocity.js';
import { expectedVersion, type Route, routes } from '../route.js';

export function sprintRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.sprints, {
    list: async ({ actor, params }) => ({ items: await listSprints(ctx, actor, params.key), nextCursor: null }),
    create: ({ actor, params, body }) => createSprint(ctx, actor, params.key, body),
    velocity: ({ actor, params }) => getVelocity(ctx, actor, params.key),
    get: ({ actor, params }) => getSprint(ctx, actor, params.id),
    update: ({ actor, params, body, req }) => {
      const { version, ...input } = body;
      return updateSprint(ctx, actor, params.id, input, expectedVersion(req, version));
    },
    delete: ({ actor, params }) => deleteSprint(ctx, actor, params.id),
    addItems: ({ actor, params, body }) => addSprintItems(ctx, actor, params.id, body.keys),
    removeItem: ({ actor, params }) => removeSprintItem(ctx, actor, params.id, params.itemKey),
    start: ({ actor, params, body }) => startSprint(ctx, actor, params.id, body),
    close: ({ actor, params, body }) => closeSprint(ctx, actor, params.id, body),
  });
}
