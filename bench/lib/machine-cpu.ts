import fs from 'node:fs';

/**
 * Where a two-core machine's time went during a bench: every process's CPU seconds by command
 * name (postgres, haproxy, node, …) and the machine's busy seconds from /proc/stat. A latency tail
 * on a shared machine is either Ordo's own or the queue for a core; this tells which.
 */
export interface CpuSnapshot {
  /** CPU seconds by process id, with the command name */
  byPid: Map<number, { command: string; seconds: number }>;
  /** busy seconds of all cores together (everything but idle and iowait) */
  busy: number;
  /** wall seconds (monotonic) when taken */
  at: number;
}

/** Linux clock ticks are 1/100 s. */
const TICK = 100;

export function cpuSnapshot(): CpuSnapshot {
  const byPid = new Map<number, { command: string; seconds: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended between the listing and the read
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byPid.set(Number(entry), { command, seconds: (Number(fields[11]) + Number(fields[12])) / TICK });
  }
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = (cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + cpu[7]!) / TICK;
  return { byPid, busy, at: performance.now() / 1_000 };
}

/**
 * The cores each group used between two snapshots (CPU seconds per wall second). `groups` names
 * process ids; processes not named fall under their command name. A process that ended between
 * the snapshots is not counted (the bench's servers and database connections live throughout).
 */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot, groups: Record<string, number[]>): Array<[string, number]> {
  const wall = after.at - before.at;
  const groupOf = new Map<number, string>();
  for (const [name, pids] of Object.entries(groups)) for (const pid of pids) groupOf.set(pid, name);
  const used = new Map<string, number>();
  for (const [pid, now] of after.byPid) {
    const then = before.byPid.get(pid)?.seconds ?? 0;
    const name = groupOf.get(pid) ?? now.command;
    used.set(name, (used.get(name) ?? 0) + (now.seconds - then));
  }
  const rows: Array<[string, number]> = [...used].map(([name, s]) => [name, s / wall]);
  rows.push(['all (from /proc/stat)', (after.busy - before.busy) / wall]);
  return rows.filter(([, cores]) => cores >= 0.005).sort((a, b) => b[1] - a[1]);
}
