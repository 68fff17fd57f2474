import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_DAYS, prepareHistory } from '../../src/domain/forecast.js';
import { backtest, calibrate, weekdaysBetween } from '../../src/domain/forecast-backtest.js';
import { realHistories } from '../support/histories.js';

/**
 * Issue 11's measure, on the real histories in test/fixtures/history: every Monday with a full
 * window behind it, forecast the next 25 items as the release page would, and count how often the
 * real 25th item was finished on or before the 85 % date. Pooled over the five histories, each
 * forecast counting once, it must hold 80–90 % of the time (the bench replays the full table with
 * 10,000 trials; here 1,000 keep the suite quick and move the rate by about a point).
 */
describe('calibration on real histories', () => {
  it('holds the 85 % date for the next 25 items 80–90 % of the time, and the 50 % date 45–60 %, pooled', () => {
    const at85 = { judged: 0, held: 0 };
    const at50 = { judged: 0, held: 0 };
    for (const h of realHistories()) {
      const { records } = prepareHistory(h.rows);
      const doneDays = records.flatMap((r) => (r.done === null ? [] : [r.done]));
      const historyStart = Math.min(...records.map((r) => r.created ?? r.done!));
      const to = Math.max(...doneDays) + 1;
      const mondays = weekdaysBetween(historyStart + DEFAULT_WINDOW_DAYS, to).filter((d) => (d + 3) % 7 === 0);
      const [next25] = calibrate(backtest({ doneDays, horizons: [25], days: mondays, to, historyStart, trials: 1000 }), to);
      const [p50, , p85] = next25.hits;
      expect(p85.judged).toBeGreaterThan(100);
      at85.judged += p85.judged;
      at85.held += p85.held;
      at50.judged += p50.judged;
      at50.held += p50.held;
    }
    expect(at85.held / at85.judged).toBeGreaterThanOrEqual(0.8);
    expect(at85.held / at85.judged).toBeLessThanOrEqual(0.9);
    expect(at50.held / at50.judged).toBeGreaterThanOrEqual(0.45);
    expect(at50.held / at50.judged).toBeLessThanOrEqual(0.6);
  });
});
