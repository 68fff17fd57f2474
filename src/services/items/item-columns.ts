import type { ItemRow, WorkflowStateRow } from '../../db/schema.js';

/** Timestamps that follow a state change: when it entered, first started, and finished. */
export function stateEntryColumns(
  item: Pick<ItemRow, 'started_at' | 'done_at'> | null,
  target: Pick<WorkflowStateRow, 'category'>,
  now: string,
): Pick<ItemRow, 'state_entered_at' | 'started_at' | 'done_at'> {
  return {
    state_entered_at: now,
    started_at: item?.started_at ?? (target.category === 'in_progress' || target.category === 'done' ? now : null),
    done_at: target.category === 'done' ? (item?.done_at ?? now) : null,
  };
}

/** Blocking opens a blocked period; unblocking adds the closed period to the item's total. */
export function blockedColumns(
  item: Pick<ItemRow, 'blocked' | 'blocked_since' | 'blocked_seconds' | 'blocked_reason'>,
  blocked: boolean,
  reason: string | null | undefined,
  now: Date,
): Pick<ItemRow, 'blocked' | 'blocked_since' | 'blocked_seconds' | 'blocked_reason'> {
  if (blocked && !item.blocked) {
    return { blocked: 1, blocked_since: now.toISOString(), blocked_seconds: item.blocked_seconds, blocked_reason: reason ?? null };
  }
  if (!blocked && item.blocked) {
    const since = item.blocked_since ? Date.parse(item.blocked_since) : now.getTime();
    const closed = Math.max(0, Math.floor((now.getTime() - since) / 1000));
    return { blocked: 0, blocked_since: null, blocked_seconds: item.blocked_seconds + closed, blocked_reason: null };
  }
  return {
    blocked: item.blocked,
    blocked_since: item.blocked_since,
    blocked_seconds: item.blocked_seconds,
    // A reason belongs to a blocked period; an unblocked item has none.
    blocked_reason: item.blocked && reason !== undefined ? reason : item.blocked_reason,
  };
}
