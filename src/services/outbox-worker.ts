import type { ServiceContext } from './context.js';
import { claimDueJobs, markJobDone, markJobFailed, type OutboxRow } from './outbox.js';

/** Thrown by a handler when trying again cannot help (a refused address, a deleted webhook). */
export class PermanentJobError extends Error {}

export interface OutboxHandler<P = any> {
  /** Does the job; throwing makes it an attempt that failed. */
  handle(payload: P, job: { id: number; attempt: number; createdAt: Date }): Promise<void>;
  /** attempts before giving up (default 8) */
  maxAttempts?: number;
  /** give up once the job is older than this, whatever the attempts (a day for webhooks) */
  giveUpAfterMs?: number;
  /** how long to wait after failed attempt n (default 30 s doubling, at most an hour) */
  backoffMs?(attempt: number): number;
  /** told once, when the job is given up */
  onGiveUp?(payload: P, error: string): Promise<void>;
}

export interface OutboxWorkerOptions {
  /** how often to look for due jobs when nothing wakes the worker (default 1 s) */
  pollMs?: number;
  /** jobs claimed at once (default 20) */
  batch?: number;
  /** how long a claim holds; handlers must finish well within it (default 60 s) */
  leaseMs?: number;
  /** where a failure is reported; the job itself records its last error */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

const defaultBackoff = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Does the outbox's jobs in this process: on start (so work left by a crash is picked up), on a
 * timer, and as soon as a commit that wrote jobs wakes it. Several processes may run one each.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly leaseMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly handlers: Record<string, OutboxHandler>,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1_000;
    this.batch = options.batch ?? 20;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Looks for due jobs now (coalesced with a run in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.timer = setTimeout(() => this.wake(), this.pollMs);
    });
  }

  /** Stops taking jobs and waits for the ones in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Does every job due now; returns how many were attempted. For tests and the CLI. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch();
      total += n;
      if (n < this.batch) return total;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.runBatch()) === this.batch);
    } catch (e) {
      this.options.log?.('outbox: could not claim jobs', { err: String(e) });
    }
  }

  private async runBatch(): Promise<number> {
    const jobs = await claimDueJobs(this.ctx, { kinds: Object.keys(this.handlers), limit: this.batch, leaseMs: this.leaseMs });
    for (const job of jobs) await this.run(job);
    return jobs.length;
  }

  private async run(job: OutboxRow): Promise<void> {
    const handler = this.handlers[job.kind]!;
    const payload = JSON.parse(job.payload);
    const createdAt = new Date(job.created_at);
    try {
      await handler.handle(payload, { id: job.id, attempt: job.attempts, createdAt });
      await markJobDone(this.ctx, job.id);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const now = this.ctx.clock.now();
      const retryAt = new Date(now.getTime() + (handler.backoffMs ?? defaultBackoff)(job.attempts));
      const giveUp =
        e instanceof PermanentJobError ||
        job.attempts >= (handler.maxAttempts ?? 8) ||
        (handler.giveUpAfterMs !== undefined && retryAt.getTime() - createdAt.getTime() > handler.giveUpAfterMs);
      await markJobFailed(this.ctx, job.id, error, giveUp ? null : retryAt);
      this.options.log?.(giveUp ? 'outbox: job given up' : 'outbox: job failed, will retry', {
        kind: job.kind,
        id: job.id,
        attempt: job.attempts,
        error,
      });
      if (giveUp) await handler.onGiveUp?.(payload, error).catch(() => {});
    }
  }
}
