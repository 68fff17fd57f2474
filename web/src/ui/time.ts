const DAY = 86_400_000;

/** "3 Mar 2026", in the reader's locale. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A span as people say it on a board: "45m", "5h", "3d", "2w". */
export function shortDuration(ms: number): string {
  const m = Math.max(0, ms) / 60_000;
  if (m < 60) return `${Math.max(1, Math.floor(m))}m`;
  if (m < 60 * 24) return `${Math.floor(m / 60)}h`;
  const d = Math.floor(ms / DAY);
  return d < 14 ? `${d}d` : `${Math.floor(d / 7)}w`;
}

/** How long ago an ISO time was, as a short duration. */
export const since = (iso: string, now = Date.now()) => shortDuration(now - new Date(iso).getTime());
