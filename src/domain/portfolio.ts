import type { Health } from './status-update.js';

/**
 * How much a product needs its lead, as one number the portfolio sorts by (highest first): the
 * health its owner last reported weighs most, then how late its latest release runs, then what is
 * stuck (blocked work, columns over their limit), then what waits (an old question, untriaged
 * requests), and a stale or missing update.
 */
export function portfolioAttention(p: {
  health: { health: Health; ageDays: number } | null;
  releases: { weeksLate: number | null }[];
  blocked: { count: number };
  wip: { count: number; limit: number }[];
  oldestOpenQuestion: { ageDays: number } | null;
  untriagedRequests: number;
}): number {
  const health = p.health ? { off_track: 3000, at_risk: 2000, on_track: 0 }[p.health.health] : 1000;
  const late = Math.max(0, ...p.releases.map((r) => r.weeksLate ?? 0));
  const stale = !p.health || p.health.ageDays > 14 ? 50 : 0;
  const overLimit = p.wip.filter((w) => w.count > w.limit).length;
  return (
    health +
    Math.min(late, 52) * 10 +
    stale +
    Math.min(p.blocked.count, 20) * 5 +
    overLimit * 10 +
    Math.min(p.oldestOpenQuestion?.ageDays ?? 0, 30) +
    Math.min(p.untriagedRequests, 20)
  );
}
