import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

/**
 * Many event-stream readers that behave as EventSource does: on a dropped stream they wait the
 * last `retry` the server sent and reconnect to the same address with `Last-Event-ID`. Each counts
 * what it got: events received, repeats (an id at or below the last one) and gaps (ids skipped),
 * and, while `recording`, when each event arrived (epoch milliseconds, `performance.timeOrigin +
 * performance.now()`, so arrivals in other processes compare). Plain node:http, so a thousand cost little.
 */
export class SseReader {
  lastId: number;
  received = 0;
  repeats = 0;
  gaps = 0;
  reconnects = 0;
  /** answers other than 200 (a process shutting down answers 503) */
  refusals = 0;
  retryMs = 2_000;
  recording = false;
  readonly arrivals = new Map<number, number>();
  private closed = false;
  private req: http.ClientRequest | null = null;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly agent: http.Agent,
    startId: number,
  ) {
    this.lastId = startId;
  }

  /** Connects; resolves once the server has answered 200 (or rejects on the first refusal). */
  open(): Promise<void> {
    return new Promise((resolve, reject) => this.connect(resolve, reject));
  }

  close(): void {
    this.closed = true;
    this.req?.destroy();
  }

  private connect(onOpen?: () => void, onRefused?: (err: Error) => void) {
    if (this.closed) return;
    const headers = { ...this.headers, accept: 'text/event-stream', 'last-event-id': String(this.lastId) };
    const req = http.get(this.url, { headers, agent: this.agent }, (res) => {
      if (res.statusCode !== 200) {
        this.refusals++;
        res.resume();
        if (onRefused) onRefused(new Error(`event stream answered ${res.statusCode}`));
        else this.again();
        return;
      }
      onOpen?.();
      res.setEncoding('utf8');
      let buffer = '';
      let event = 'message';
      let id: number | null = null;
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          event = 'message';
          id = null;
          for (const line of block.split('\n')) {
            if (line.startsWith('retry: ')) this.retryMs = Number(line.slice(7));
            else if (line.startsWith('id: ')) id = Number(line.slice(4));
            else if (line.startsWith('event: ')) event = line.slice(7);
          }
          if (event === 'activity' && id !== null) this.heard(id);
        }
      });
      res.on('close', () => this.again());
    });
    req.on('error', (err) => {
      if (onRefused) onRefused(err);
      else this.again();
    });
    this.req = req;
  }

  private heard(id: number) {
    if (id <= this.lastId) {
      this.repeats++;
      return;
    }
    if (id > this.lastId + 1) this.gaps += id - this.lastId - 1;
    this.lastId = id;
    this.received++;
    if (this.recording) this.arrivals.set(id, performance.timeOrigin + performance.now());
  }

  private again() {
    if (this.closed) return;
    this.reconnects++;
    this.req = null;
    setTimeout(() => this.connect(), this.retryMs);
  }
}

/** Opens `count` readers, `batch` at a time, each starting after event `startId`. */
export async function openSwarm(
  url: string,
  headers: Record<string, string>,
  count: number,
  startId: number,
  batch = 50,
): Promise<SseReader[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const readers: SseReader[] = [];
  for (let i = 0; i < count; i += batch) {
    const group = Array.from({ length: Math.min(batch, count - i) }, () => new SseReader(url, headers, agent, startId));
    await Promise.all(group.map((r) => r.open()));
    readers.push(...group);
  }
  return readers;
}

/** What a swarm's process is asked over IPC (bench/lib/sse-swarm-child.ts answers). */
export type SwarmAsk =
  | { type: 'open'; url: string; headers: Record<string, string>; count: number; startId: number }
  | { type: 'recording'; on: boolean }
  | { type: 'behind'; id: number }
  | { type: 'stats' }
  | { type: 'close' };

/** What readers counted, summed over readers (and processes); arrivals per reader. */
export interface SwarmStats {
  received: number;
  repeats: number;
  gaps: number;
  reconnects: number;
  refusals: number;
  /** per reader, [event id, arrival epoch ms], recorded while `recording` */
  arrivals: Array<Array<[number, number]>>;
  /** CPU seconds the readers' processes have used so far */
  cpuSeconds: number;
}

export function statsOf(readers: SseReader[]): SwarmStats {
  const cpu = process.cpuUsage();
  return {
    received: readers.reduce((n, r) => n + r.received, 0),
    repeats: readers.reduce((n, r) => n + r.repeats, 0),
    gaps: readers.reduce((n, r) => n + r.gaps, 0),
    reconnects: readers.reduce((n, r) => n + r.reconnects, 0),
    refusals: readers.reduce((n, r) => n + r.refusals, 0),
    arrivals: readers.map((r) => [...r.arrivals]),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

class SwarmChild {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly waiting = new Map<number, (value: unknown) => void>();

  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'sse-swarm-child.ts'), [], { execArgv: ['--import', 'tsx'] });
    this.child.on('message', (msg: { n: number; value: unknown }) => {
      this.waiting.get(msg.n)?.(msg.value);
      this.waiting.delete(msg.n);
    });
  }

  ask<T>(ask: SwarmAsk): Promise<T> {
    const n = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(n, (value) => {
        if (value && typeof value === 'object' && 'error' in value) reject(new Error(String(value.error)));
        else resolve(value as T);
      });
      this.child.send({ n, ask });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * Many readers spread over `processes` child processes. One process reading 1,000 streams
 * handles each event's 1,000 arrivals one after another, so the last reader's arrival time
 * carried the client's own queue (each reader in reality is its own browser on its own machine).
 * With `processes` 0 every reader lives in this process, as the bench measured before.
 */
export class ReaderSwarm {
  private constructor(
    private readonly local: SseReader[],
    private readonly children: SwarmChild[],
  ) {}

  /** the child processes' ids, for the bench's CPU accounting */
  get pids(): number[] {
    return this.children.flatMap((c) => (c.pid ? [c.pid] : []));
  }

  static async open(url: string, headers: Record<string, string>, count: number, startId: number, processes: number): Promise<ReaderSwarm> {
    if (processes <= 0) return new ReaderSwarm(await openSwarm(url, headers, count, startId), []);
    const children = Array.from({ length: processes }, () => new SwarmChild());
    const swarm = new ReaderSwarm([], children);
    try {
      // One process at a time, as openSwarm opens in batches: a thousand connections at once would be refused.
      for (let i = 0; i < processes; i++) {
        const share = Math.floor(count / processes) + (i < count % processes ? 1 : 0);
        await children[i]!.ask({ type: 'open', url, headers, count: share, startId });
      }
    } catch (err) {
      swarm.close();
      throw err;
    }
    return swarm;
  }

  async setRecording(on: boolean): Promise<void> {
    for (const r of this.local) r.recording = on;
    await Promise.all(this.children.map((c) => c.ask({ type: 'recording', on })));
  }

  /** How many readers have not yet seen event `id`. */
  async behind(id: number): Promise<number> {
    const counts = await Promise.all(this.children.map((c) => c.ask<number>({ type: 'behind', id })));
    return this.local.filter((r) => r.lastId < id).length + counts.reduce((a, b) => a + b, 0);
  }

  /** Waits until every reader has seen event `id`; returns how many have not when `timeoutMs` passes. */
  async reached(id: number, timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const behind = await this.behind(id);
      if (behind === 0 || performance.now() > deadline) return behind;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Counts summed over every reader; CPU of the readers' processes (this one when they live here). */
  async stats(): Promise<SwarmStats> {
    const parts = [
      ...(this.children.length ? [] : [statsOf(this.local)]),
      ...(await Promise.all(this.children.map((c) => c.ask<SwarmStats>({ type: 'stats' })))),
    ];
    return {
      received: parts.reduce((n, p) => n + p.received, 0),
      repeats: parts.reduce((n, p) => n + p.repeats, 0),
      gaps: parts.reduce((n, p) => n + p.gaps, 0),
      reconnects: parts.reduce((n, p) => n + p.reconnects, 0),
      refusals: parts.reduce((n, p) => n + p.refusals, 0),
      arrivals: parts.flatMap((p) => p.arrivals),
      cpuSeconds: parts.reduce((n, p) => n + p.cpuSeconds, 0),
    };
  }

  close(): void {
    for (const r of this.local) r.close();
    for (const c of this.children) {
      c.ask({ type: 'close' }).catch(() => {});
      setTimeout(() => c.kill(), 1_000).unref();
    }
  }
}
