import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, parseDay } from '../../src/domain/dates.js';
import {
  backtest,
  forecastByThroughput,
  forecastByVelocity,
  prepareHistory,
  sentence,
  throughputSamples,
  type Forecast,
  type ForecastResult,
} from '../../src/domain/forecast.js';

const HISTORY = path.resolve(__dirname, '../fixtures/history');
const today = dayOf('2026-03-02');

function ok(f: Forecast): ForecastResult {
  if (f.status !== 'ok') throw new Error(`expected a forecast, got ${f.status}`);
  return f;
}
const at = (f: ForecastResult, percent: number) => f.percentiles.find((p) => p.percent === percent)!.day;

/**
 * The exact distribution of the completion day when each day's output is drawn from `samples`:
 * P(done by day n) = P(sum of n draws ≥ remaining), by convolution with the partial sum capped.
 */
function exactPercentiles(samples: number[], remaining: number, percents: number[]) {
  const pmf = new Map<number, number>();
  for (const s of samples) pmf.set(s, (pmf.get(s) ?? 0) + 1 / samples.length);
  let dist = new Float64Array(remaining + 1);
  dist[0] = 1;
  const out = new Map<number, number>();
  for (let n = 1; n < 5000 && out.size < percents.length; n++) {
    const next = new Float64Array(remaining + 1);
    for (let s = 0; s <= remaining; s++) {
      if (!dist[s]) continue;
      if (s === remaining) {
        next[s] += dist[s];
        continue;
      }
      for (const [v, p] of pmf) next[Math.min(remaining, s + v)] += dist[s] * p;
    }
    dist = next;
    for (const q of percents) if (!out.has(q) && dist[remaining] >= q / 100 - 1e-12) out.set(q, n);
  }
  return out;
}

describe('forecastByThroughput', () => {
  it('gives exactly 10 days at every percentile for a constant 2 a day and 20 left', () => {
    const f = ok(forecastByThroughput({ remaining: 20, samples: new Array(84).fill(2), today }));
    for (const p of f.percentiles) expect(p.day).toBe(today + 10);
    expect(f.unfinishedShare).toBe(0);
  });

  it('lands within a day of the exact negative-binomial percentiles for Bernoulli throughput', () => {
    const samples = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // p = 0.3
    const exact = exactPercentiles(samples, 20, [50, 85, 95]);
    const f = ok(forecastByThroughput({ remaining: 20, samples, today }));
    for (const q of [50, 85, 95]) expect(Math.abs(at(f, q)! - today - exact.get(q)!)).toBeLessThanOrEqual(1);
  });

  it('lands within a day of the exact convolution for Poisson(2.5) throughput', () => {
    // 1,000 days whose counts follow the Poisson(2.5) probabilities.
    const samples: number[] = [];
    let p = Math.exp(-2.5);
    for (let k = 0; k < 12; k++) {
      for (let i = 0; i < Math.round(p * 1000); i++) samples.push(k);
      p = (p * 2.5) / (k + 1);
    }
    for (const remaining of [15, 60, 200]) {
      const exact = exactPercentiles(samples, remaining, [50, 85, 95]);
      const f = ok(forecastByThroughput({ remaining, samples, today }));
      for (const q of [50, 85, 95]) expect(Math.abs(at(f, q)! - today - exact.get(q)!)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same answer for the same data', () => {
    const samples = [0, 3, 1, 0, 5, 2, 0, 0, 4];
    const a = forecastByThroughput({ remaining: 40, samples, today, targetDay: today + 20 });
    const b = forecastByThroughput({ remaining: 40, samples, today, targetDay: today + 20 });
    expect(a).toEqual(b);
  });

  it('says it cannot forecast without history, and that nothing remains when nothing does', () => {
    expect(forecastByThroughput({ remaining: 5, samples: new Array(84).fill(0), today })).toMatchObject({
      status: 'no_history',
      message: expect.stringContaining('84 days'),
    });
    expect(forecastByThroughput({ remaining: 0, samples: [1, 2], today }).status).toBe('done');
  });

  it('caps a crawl at the horizon and reports the share that never finished, never an infinite date', () => {
    const samples = new Array(200).fill(0);
    samples[0] = 1; // one item in 200 days
    const f = ok(forecastByThroughput({ remaining: 8, samples, today, targetDay: today + 30 }));
    expect(f.unfinishedShare).toBeGreaterThan(0.5);
    expect(at(f, 85)).toBeNull();
    expect(f.daysLate85).toBeNull();
    expect(f.sentence).toMatch(/not finished within 156 weeks/);
    expect(f.targetProbability).toBeLessThan(0.01);
  });

  it('reports the target probability, lateness of the 85 % date and a plain sentence', () => {
    const f = ok(forecastByThroughput({ remaining: 30, samples: [1, 2, 3], today, targetDay: today + 13 }));
    expect(f.targetProbability).toBeGreaterThan(0);
    expect(f.targetProbability).toBeLessThan(0.5);
    expect(f.daysLate85).toBe(at(f, 85)! - (today + 13));
    expect(f.sentence).toMatch(/^85 % likely by \d+ \w+ — \d+ days? after the target of 15 March; \d+ % chance of making the target\.$/);
    expect(f.histogram.trials.reduce((a, b) => a + b, 0)).toBe(f.trials);
  });

  it('reads like the product brief', () => {
    const text = sentence({
      percentiles: [
        { percent: 50, day: dayOf('2026-03-03') },
        { percent: 85, day: dayOf('2026-03-24') },
        { percent: 95, day: dayOf('2026-04-07') },
      ],
      targetDay: dayOf('2026-02-01'),
      targetProbability: 0.12,
      unfinishedShare: 0,
      today: dayOf('2026-01-10'),
      horizonDays: 1095,
    });
    expect(text).toBe('85 % likely by 24 March — 7 weeks after the target of 1 February; 12 % chance of making the target.');
  });

  it('never gives an earlier date for more remaining scope', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 60 }).filter((s) => s.some((x) => x > 0)),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 50 }),
        (samples, remaining, more) => {
          const a = ok(forecastByThroughput({ remaining, samples, today, trials: 500 }));
          const b = ok(forecastByThroughput({ remaining: remaining + more, samples, today, trials: 500 }));
          for (const q of [50, 70, 85, 95]) {
            const da = at(a, q) ?? Infinity;
            const db = at(b, q) ?? Infinity;
            expect(db).toBeGreaterThanOrEqual(da);
          }
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('never gives a date from zero throughput', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 10_000 }), (days, remaining) => {
        const f = forecastByThroughput({ remaining, samples: new Array(days).fill(0), today });
        expect(f.status).toBe('no_history');
      }),
      { numRuns: 50, seed: 11 },
    );
  });

  it('gives a chance of making the target that only grows with a later target', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }).filter((s) => s.some((x) => x > 0)),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: -10, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        (samples, remaining, target, later) => {
          const a = ok(forecastByThroughput({ remaining, samples, today, targetDay: today + target, trials: 500 }));
          const b = ok(forecastByThroughput({ remaining, samples, today, targetDay: today + target + later, trials: 500 }));
          expect(b.targetProbability!).toBeGreaterThanOrEqual(a.targetProbability!);
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('forecastByVelocity', () => {
  it('counts whole sprints: 35 points at a steady 10 a sprint take four sprints', () => {
    const f = ok(
      forecastByVelocity({ remainingPoints: 35, velocities: [10, 10, 10], today, firstSprintEndDay: today + 5, sprintLengthDays: 14 }),
    );
    for (const p of f.percentiles) expect(p.day).toBe(today + 5 + 3 * 14);
  });

  it('says so when no sprint has been closed', () => {
    expect(
      forecastByVelocity({ remainingPoints: 10, velocities: [], today, firstSprintEndDay: today, sprintLengthDays: 14 }),
    ).toMatchObject({
      status: 'no_history',
    });
  });
});

describe('backtest', () => {
  it('is well calibrated on throughput that really is stationary', () => {
    // Two years of days drawn from one distribution: the forecast's 50 % and 85 % dates should
    // hold about 50 % and 85 % of real outcomes.
    const rng = (() => {
      let s = 42;
      return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    })();
    const doneDays: number[] = [];
    for (let d = 0; d < 730; d++) for (let k = Math.floor(rng() * 6); k > 0; k--) doneDays.push(d);
    const r = backtest([], doneDays, { from: 84, to: 730, stepDays: 3, trials: 1000, horizons: [20, 60] });
    expect(r.judged).toBeGreaterThan(300);
    expect(r.within50 / r.judged).toBeGreaterThan(0.4);
    expect(r.within50 / r.judged).toBeLessThan(0.65);
    expect(r.within85 / r.judged).toBeGreaterThan(0.77);
    expect(r.within85 / r.judged).toBeLessThan(0.93);
  });
});

describe('history from real projects', () => {
  function agileDataset() {
    const lines = fs.readFileSync(path.join(HISTORY, 'agile-project-dataset.csv'), 'utf8').trim().split('\n').slice(1);
    return lines.map((line) => {
      const cells = line.split(',').map((c) => c.replace(/"/g, ''));
      return { project: cells[1], created: cells[3], done: cells[4] };
    });
  }

  it('drops the agile-project-dataset rows that finish before they were created, and says how many', () => {
    const rows = agileDataset();
    const prepared = prepareHistory(rows);
    const expected = rows.filter((r) => r.done < r.created).length;
    expect(expected).toBeGreaterThan(rows.length * 0.35);
    expect(prepared.dropped.doneBeforeCreated).toBe(expected);
    expect(prepared.records).toHaveLength(rows.length - expected);
    expect(prepared.note).toBe(`Dropped ${expected} of ${rows.length} records: ${expected} finished before they were created.`);
  });

  it('counts a date that is not a date as dropped, not as a day', () => {
    const prepared = prepareHistory([
      { created: '2026-02-31', done: '2026-03-05' },
      { created: '2026-03-01', done: 'soon' },
      { created: '2026-03-01', done: null },
    ]);
    expect(prepared.dropped.unreadableDate).toBe(2);
    expect(prepared.records).toEqual([{ created: parseDay('2026-03-01'), done: null }]);
  });

  it('backtests a real project: more outcomes fall before the 85 % date than the 50 % date', () => {
    const rows = agileDataset().filter((r) => r.project === '1');
    const { records } = prepareHistory(rows);
    const days = records.map((r) => r.done!).sort((a, b) => a - b);
    const result = backtest([{ name: 'open items', records }], days, {
      from: days[0] + 84,
      to: days[days.length - 1],
      stepDays: 28,
      trials: 1000,
      horizons: [10, 50],
    });
    expect(result.judged).toBeGreaterThan(10);
    expect(result.within85).toBeGreaterThanOrEqual(result.within50);
    expect(result.cases.some((c) => c.scope === 'open items' && c.actual !== null)).toBe(true);
  });

  it('forecasts from TAWOS completion dates, bulk closes and all', () => {
    const done = fs.readFileSync(path.join(HISTORY, 'tawos/Spring_XD.csv'), 'utf8').trim().split('\n');
    const prepared = prepareHistory(done.map((d) => ({ done: d.trim() })));
    const days = prepared.records.map((r) => r.done!);
    const asOf = dayOf('2015-10-31'); // before the project wound down
    const samples = throughputSamples(days, asOf - 83, asOf + 1);
    expect(Math.max(...samples)).toBeGreaterThan(5 * (samples.reduce((a, b) => a + b, 0) / samples.length));
    const f = ok(forecastByThroughput({ remaining: 100, samples, today: asOf }));
    expect(at(f, 50)!).toBeLessThanOrEqual(at(f, 85)!);
    expect(at(f, 85)!).toBeLessThanOrEqual(at(f, 95)!);
  });
});
