import type { ItemRow, WorkflowStateRow } from '../../db/schema.js';

/** The columns of an item nobody has scored yet (no WSJF or RICE inputs), for writers that fill rows in bulk. */
export const NO_SCORES = {
  business_value: null,
  time_criticality: null,
  risk_reduction: null,
  job_size: null,
  rice_reach: null,
  rice_impact: null,
  rice_confidence: null,
  rice_effort: null,
} as const satisfies Partial<ItemRow>;

/** The columns of an item that has never been blocked. */
export const NEVER_BLOCKED = {
  blocked: 0,
  blocked_reason: null,
  blocked_since: null,
  blocked_seconds: 0,
} as const satisfies Partial<ItemRow>;

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
