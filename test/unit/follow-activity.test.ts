import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { followActivity } from '../../src/realtime/follow-activity.js';

const EVERY = 15_000;

describe('a stream’s heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Opens `n` readers at the same instant; records when each beats and checks its access. */
  function openTogether(n: number) {
    const bus = new LocalEventBus();
    const beats: number[][] = Array.from({ length: n }, () => []);
    const checks: number[] = [];
    const stops = Array.from({ length: n }, (_, i) =>
      followActivity(
        {
          bus,
          productId: 1,
          after: 0,
          lastEvent: 0,
          read: () => Promise.resolve([]),
          recheckAccess: () => {
            checks.push(Date.now());
            return Promise.resolve();
          },
        },
        {
          reset: () => {},
          send: () => Promise.resolve(),
          heartbeat: () => beats[i]!.push(Date.now()),
          failed: () => {},
          end: () => {},
        },
        { heartbeatMs: EVERY },
      ),
    );
    return { beats, checks, stop: () => stops.forEach((s) => s()) };
  }

  it('spreads the access checks of streams opened together over the interval instead of one burst', () => {
    const start = Date.now();
    const { checks, stop } = openTogether(1_000);
    vi.advanceTimersByTime(3 * EVERY);
    stop();
    expect(checks.length).toBeGreaterThanOrEqual(2_000);
    // In lockstep, all 1,000 would land in one instant; spread, a tenth of the interval holds about 100.
    const perTenth = new Map<number, number>();
    for (const t of checks) {
      const slot = Math.floor(((t - start) % EVERY) / (EVERY / 10));
      perTenth.set(slot, (perTenth.get(slot) ?? 0) + 1);
    }
    for (const count of perTenth.values()) expect(count / 3).toBeLessThan(250);
  });

  it('still beats within every interval, so a proxy’s idle timeout never closes a quiet stream', () => {
    const start = Date.now();
    const { beats, stop } = openTogether(200);
    vi.advanceTimersByTime(4 * EVERY);
    stop();
    for (const times of beats) {
      expect(times[0]! - start).toBeLessThanOrEqual(EVERY);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(EVERY);
      expect(times.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('stops beating once closed', () => {
    const { beats, stop } = openTogether(50);
    stop();
    vi.advanceTimersByTime(3 * EVERY);
    expect(beats.flat()).toEqual([]);
  });
});
