import { z } from 'zod';
import { ZId, ZItemKey, ZProductKey } from '../../contract/common.js';
import {
  ZCloseSprintRequest,
  ZCreateSprintRequest,
  ZPlanItemsRequest,
  ZSprint,
  ZSprintDetail,
  ZSprintList,
  ZStartSprintRequest,
  ZUpdateSprintRequest,
  ZVelocity,
} from '../../contract/delivery.js';
import type { ServiceContext } from '../../services/context.js';
import {
  addSprintItems,
  closeSprint,
  createSprint,
  deleteSprint,
  getSprint,
  getVelocity,
  listSprints,
  removeSprintItem,
  startSprint,
  updateSprint,
} from '../../services/sprints.js';
import { expectedVersion, type RouteDef } from '../route.js';

const ProductParams = z.object({ key: ZProductKey });
const SprintParams = z.object({ id: ZId });

export function sprintRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/products/:key/sprints',
      tag: 'sprints',
      summary: "A product's sprints, by start date (undated last)",
      params: ProductParams,
      response: ZSprintList,
      errors: [404],
      handler: async ({ actor, params }) => ({ items: await listSprints(ctx, actor, params.key), nextCursor: null }),
    },
    {
      method: 'POST',
      url: '/api/products/:key/sprints',
      tag: 'sprints',
      summary: 'Plan a sprint with a name, goal and dates',
      params: ProductParams,
      body: ZCreateSprintRequest,
      response: ZSprint,
      status: 201,
      errors: [400, 403, 404],
      handler: ({ actor, params, body }) => createSprint(ctx, actor, params.key, body),
    },
    {
      method: 'GET',
      url: '/api/products/:key/velocity',
      tag: 'sprints',
      summary: 'Points and items finished in each closed sprint',
      params: ProductParams,
      response: ZVelocity,
      errors: [404],
      handler: ({ actor, params }) => getVelocity(ctx, actor, params.key),
    },
    {
      method: 'GET',
      url: '/api/sprints/:id',
      tag: 'sprints',
      summary: 'A sprint with its goal, scope, progress and daily burndown (scope changes after the start marked)',
      params: SprintParams,
      response: ZSprintDetail,
      errors: [404],
      handler: ({ actor, params }) => getSprint(ctx, actor, params.id),
    },
    {
      method: 'PATCH',
      url: '/api/sprints/:id',
      tag: 'sprints',
      summary: "Change a sprint's name, goal or dates",
      params: SprintParams,
      body: ZUpdateSprintRequest,
      response: ZSprint,
      errors: [400, 403, 404, 409],
      handler: ({ actor, params, body, req }) => {
        const { version, ...input } = body;
        return updateSprint(ctx, actor, params.id, input, expectedVersion(req, version));
      },
    },
    {
      method: 'DELETE',
      url: '/api/sprints/:id',
      tag: 'sprints',
      summary: 'Delete a planned sprint; its items go back to the backlog',
      params: SprintParams,
      errors: [403, 404, 422],
      handler: ({ actor, params }) => deleteSprint(ctx, actor, params.id),
    },
    {
      method: 'POST',
      url: '/api/sprints/:id/items',
      tag: 'sprints',
      summary: 'Plan items into the sprint (one transaction); returns the sprint',
      params: SprintParams,
      body: ZPlanItemsRequest,
      response: ZSprintDetail,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => addSprintItems(ctx, actor, params.id, body.keys),
    },
    {
      method: 'DELETE',
      url: '/api/sprints/:id/items/:itemKey',
      tag: 'sprints',
      summary: 'Take an item out of the sprint, back to the backlog',
      params: z.object({ id: ZId, itemKey: ZItemKey }),
      errors: [403, 404],
      handler: ({ actor, params }) => removeSprintItem(ctx, actor, params.id, params.itemKey),
    },
    {
      method: 'POST',
      url: '/api/sprints/:id/start',
      tag: 'sprints',
      summary: 'Start a planned sprint (one active sprint per product; 422 otherwise); dates default to today and two weeks',
      params: SprintParams,
      body: ZStartSprintRequest,
      response: ZSprint,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => startSprint(ctx, actor, params.id, body),
    },
    {
      method: 'POST',
      url: '/api/sprints/:id/close',
      tag: 'sprints',
      summary: 'Close the active sprint, recording its velocity; unfinished items go to the backlog or the next sprint',
      params: SprintParams,
      body: ZCloseSprintRequest,
      response: ZSprint,
      errors: [400, 403, 404, 422],
      handler: ({ actor, params, body }) => closeSprint(ctx, actor, params.id, body),
    },
  ];
}
