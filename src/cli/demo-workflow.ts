import { DAY_MS } from '../domain/dates.js';
import { updateState } from '../services/products/update-state.js';
import { editItem } from './seed/history.js';
import type { Demo } from './demo.js';

/**
 * The demo's workflow as a team that has used Ordo for a while keeps it: WIP limits on the
 * columns where work piles up, a Definition of Ready and of Done, work blocked right now with its
 * reason, and cards that have been going far longer than the team's usual cycle time.
 */

/** How many days before today the long-stuck item stopped moving: well past the demo's usual cycle time of a week or so. */
const STUCK_FOR_DAYS = 16;

/**
 * A working-day step: one item in progress gets stuck on an outside party and stays stuck, so the
 * board and the aging chart show a card past the 95th percentile. It draws nothing from the demo's
 * random stream, so the days before it are as they were.
 */
export async function holdWorkBack(demo: Demo, day: number) {
  const historyDays = demo.today - demo.start / DAY_MS;
  // After the first release has shipped, so the stuck item never holds it back.
  if (day < historyDays - STUCK_FOR_DAYS || !demo.releasedFirst || demo.items.some((i) => i.stuck)) return;
  const item = demo.items.find((i) => i.state === 'progress' && i.blockedUntil === null && i.assignee !== null);
  if (!item) return;
  item.stuck = true;
  item.blockedUntil = Number.MAX_SAFE_INTEGER;
  item.readyDay = Number.MAX_SAFE_INTEGER;
  await editItem(demo.ctx, demo.developers[item.assignee!]!, item.key, {
    blocked: true,
    blockedReason: 'Waiting for the acquiring bank to enable 3-D Secure on our test account; they promise it weekly',
  });
}

/** After the history, today: the rules the team works by, and one more item blocked this morning. */
export async function showTheWorkflow(demo: Demo) {
  const { ctx, owner, key, product } = demo;
  const inProgress = demo.items.filter((i) => i.state === 'progress');
  const review = demo.items.filter((i) => i.state === 'review');
  // One over the limit in progress (the header turns the warning colour), room left in review.
  await updateState(ctx, owner, key, product.stateId('In progress'), {
    wipLimit: Math.max(1, inProgress.length - 1),
    entryRules: ['ready.estimate', 'ready.not_blocked'],
  });
  await updateState(ctx, owner, key, product.stateId('Review'), { wipLimit: Math.max(3, review.length + 2) });
  await updateState(ctx, owner, key, product.stateId('To do'), { entryRules: ['ready.estimate'] });
  await updateState(ctx, owner, key, product.stateId('Done'), { entryRules: ['done.criteria_accepted'] });
  const fresh = inProgress.find((i) => i.blockedUntil === null && i.assignee !== null);
  if (fresh) {
    await editItem(ctx, demo.developers[fresh.assignee!]!, fresh.key, {
      blocked: true,
      blockedReason: 'Needs a decision on the fee model for partial captures (asked Olivia)',
    });
    fresh.blockedUntil = Number.MAX_SAFE_INTEGER;
  }
}
