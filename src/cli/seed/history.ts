import type { TItem, TUpdateItemRequest } from '../../contract/items.js';
import type { TRelease, TUpdateReleaseRequest } from '../../contract/releases.js';
import type { Actor, ServiceContext } from '../../services/context.js';
import { updateItem } from '../../services/items/update-item.js';
import { updateRelease } from '../../services/releases.js';
import type { MovableClock } from './clock.js';

/** Edits an item at its current version, as someone who just opened it would. */
export async function editItem(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  change: Omit<TUpdateItemRequest, 'version'>,
): Promise<TItem> {
  const { version } = await ctx.db.selectFrom('items').select('version').where('key', '=', key).executeTakeFirstOrThrow();
  return updateItem(ctx, actor, key, change, version);
}

/** Edits a release at its current version. */
export async function editRelease(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  change: Omit<TUpdateReleaseRequest, 'version'>,
): Promise<TRelease> {
  const { version } = await ctx.db.selectFrom('releases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return updateRelease(ctx, actor, id, change, version);
}

/**
 * Actions at given moments, played in date order under a movable clock: a scenario can write each
 * item's whole life in one place, and the history still interleaves as a team's would.
 */
export class Timeline {
  private readonly steps: Array<{ at: number; run: () => Promise<unknown> }> = [];

  at(at: number, run: () => Promise<unknown>) {
    this.steps.push({ at, run });
  }

  /** Runs every action at its moment, earliest first (actions at the same moment in the order added). */
  async play(clock: MovableClock) {
    for (const step of [...this.steps].sort((a, b) => a.at - b.at)) {
      clock.set(step.at);
      await step.run();
    }
  }
}
