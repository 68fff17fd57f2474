import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { correctUpdate } from '../../services/updates/correct-update.js';
import { draftUpdate } from '../../services/updates/draft-update.js';
import { editDraft } from '../../services/updates/edit-update.js';
import { getUpdate, listUpdates } from '../../services/updates/list-updates.js';
import { publishUpdate } from '../../services/updates/publish-update.js';
import { routes, type Route } from '../route.js';

/** Status updates: the draft Ordo writes, its edits, publication, corrections and the history. */
export function updateRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.updates, {
    draft: ({ actor, params }) => draftUpdate(ctx, actor, params.key),
    editDraft: ({ actor, params, body }) => editDraft(ctx, actor, params.key, body),
    publish: ({ actor, params, body }) => publishUpdate(ctx, actor, params.key, body),
    list: ({ actor, params, query }) => listUpdates(ctx, actor, params.key, query),
    get: ({ actor, params }) => getUpdate(ctx, actor, params.key, params.id),
    correct: ({ actor, params, body }) => correctUpdate(ctx, actor, params.key, params.id, body),
  });
}
