import { AppError } from '../domain/errors.js';

/** A fixed-window counter per key, in memory: enough to slow password guessing on one process. */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string) {
    const t = this.now();
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= t) {
      entry = { count: 0, resetAt: t + this.windowMs };
      this.hits.set(key, entry);
      if (this.hits.size > 10_000) this.sweep(t);
    }
    entry.count++;
    if (entry.count > this.limit) {
      const seconds = Math.ceil((entry.resetAt - t) / 1000);
      throw new AppError('rate_limited', `Too many attempts; try again in ${seconds} s`, { retryAfter: seconds });
    }
  }

  reset(key: string) {
    this.hits.delete(key);
  }

  private sweep(t: number) {
    for (const [k, v] of this.hits) if (v.resetAt <= t) this.hits.delete(k);
  }
}
