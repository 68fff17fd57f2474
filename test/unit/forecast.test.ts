import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, parseDay } from '../../src/domain/dates.js';
import {
  forecastByThroughput,
  forecastByVelocity,
  prepareHistory,
  sentence,
  throughputSamples,
  type Forecast,
  type ForecastResult,
} from '../../src/domain/forecast.js';
import { backtest, calibrate, judge, weekdaysBetween } from '../../src/domain/forecast-backtest.js';
import { assessConfidence, confidenceText } from '../../src/domain/forecast-confidence.js';
import { DEFAULT_MODEL, learnModel, PRIOR_HOLIDAY_FACTOR, PRIOR_VOLATILITY, type ForecastModel } from '../../src/domain/forecast-model.js';
import { blockWeights, windowBlocks } from '../../src/domain/forecast-weeks.js';
import { Random } from '../../src/domain/random.js';
import { realHistories } from '../support/histories.js';

const today = dayOf('2026-03-02'); // a Monday

function ok(f: Forecast): ForecastResult {
  if (f.status !== 'ok') throw new Error(`expected a forecast, got ${f.status}`);
  return f;
}
const at = (f: ForecastResult, percent: number) => f.percentiles.find((p) => p.percent === percent)!.day;

/** The pace never changes and the window is taken as it is: what the exact answers below compute. */
const FIXED: Partial<ForecastModel> = { volatility: 0, resampleWindow: false };

/**
 * The exact distribution of the completion day when each block of the window (a week, or a day
 * for a window under two weeks) is drawn whole with its recency weight and replayed from today, at
 * a pace that never changes: a convolution over blocks of the partial sum, capped at `remaining`.
 * Percentiles by the forecast's rule: the day whose share is nearest each percent.
 */
function exactPercentiles(samples: number[], remaining: number, percents: number[]) {
  const blocks = windowBlocks(samples);
  const weights = blockWeights(blocks.count, blocks.length, DEFAULT_MODEL.halfLifeWeeks);
  const L = blocks.length;
  let open = new Map<number, number>([[0, 1]]); // partial sum → probability, not finished yet
  const doneBy: number[] = []; // doneBy[k]: P(finished on or before day today + k)
  let finished = 0;
  for (let start = 0; start < 5000 && open.size; start += L) {
    const next = new Map<number, number>();
    const onDay = new Array<number>(L).fill(0);
    for (const [sum, p] of open) {
      for (let j = 0; j < blocks.count; j++) {
        let s = sum;
        let done = -1;
        for (let i = 0; i < L; i++) {
          s += blocks.values[j * L + i];
          if (s >= remaining) {
            done = i;
            break;
          }
        }
        if (done >= 0) onDay[done] += p * weights[j];
        else next.set(s, (next.get(s) ?? 0) + p * weights[j]);
      }
    }
    for (let i = 0; i < L; i++) doneBy.push((finished += onDay[i]));
    open = next;
  }
  return new Map(
    percents.map((q) => {
      const k = doneBy.findIndex((share) => share >= q / 100 - 1e-12);
      const before = k > 0 ? doneBy[k - 1] : 0;
      return [q, k > 0 && q / 100 - before < doneBy[k] - q / 100 ? k - 1 : k];
    }),
  );
}

/** A week of work Monday to Friday and nothing at weekends, `week(n)` items in week n. */
function weekdaysOnly(fromDay: number, toDay: number, perWeekday: (day: number) => number) {
  return Array.from({ length: toDay - fromDay }, (_, i) => ((fromDay + i + 3) % 7 < 5 ? perWeekday(fromDay + i) : 0));
}

describe('forecastByThroughput: exact answers', () => {
  it('gives exactly the 10th day, counting today, for a constant 2 a day and 20 left', () => {
    // Before issue 11 the simulation started tomorrow and answered today + 10; work finishes today too.
    const f = ok(forecastByThroughput({ remaining: 20, samples: new Array(84).fill(2), today, model: FIXED }));
    for (const p of f.percentiles) expect(p.day).toBe(today + 9);
    expect(f.unfinishedShare).toBe(0);
  });

  it('lands within a day of the exact negative-binomial percentiles for Bernoulli throughput over a short window', () => {
    const samples = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // p = 0.3, ten days: single days are drawn
    const exact = exactPercentiles(samples, 20, [50, 85, 95]);
    const f = ok(forecastByThroughput({ remaining: 20, samples, today, model: FIXED }));
    for (const q of [50, 85, 95]) expect(Math.abs(at(f, q)! - today - exact.get(q)!)).toBeLessThanOrEqual(1);
  });

  it('lands within a day of the exact convolution over whole weeks for Poisson(2.5) throughput', () => {
    // 1,000 days whose counts follow the Poisson(2.5) probabilities, shuffled into weeks.
    const samples: number[] = [];
    let p = Math.exp(-2.5);
    for (let k = 0; k < 12; k++) {
      for (let i = 0; i < Math.round(p * 1000); i++) samples.push(k);
      p = (p * 2.5) / (k + 1);
    }
    const rng = new Random(5);
    for (let i = samples.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [samples[i], samples[j]] = [samples[j], samples[i]];
    }
    for (const remaining of [15, 60, 200]) {
      const exact = exactPercentiles(samples, remaining, [50, 85, 95]);
      const f = ok(forecastByThroughput({ remaining, samples, today, model: FIXED }));
      for (const q of [50, 85, 95]) expect(Math.abs(at(f, q)! - today - exact.get(q)!)).toBeLessThanOrEqual(1);
    }
  });

  it('spreads a constant pace only by how much paces wander, and keeps its middle', () => {
    const f = ok(forecastByThroughput({ remaining: 200, samples: new Array(84).fill(2), today }));
    expect(at(f, 50)! - today).toBeGreaterThanOrEqual(95);
    expect(at(f, 50)! - today).toBeLessThanOrEqual(104);
    expect(at(f, 85)!).toBeGreaterThan(at(f, 50)! + 5);
  });
});

describe('forecastByThroughput: weeks and weekdays', () => {
  it('gives the same dates whatever day of the weekend or Monday it is asked on, for a team that does not work weekends', () => {
    // Twelve weeks of real-looking weekdays; asked on Saturday, Sunday and Monday morning the
    // window holds the same weeks, and nothing finishes before Monday anyway.
    const rng = new Random(9);
    const perDay = new Map<number, number>();
    const work = (d: number) => {
      if (!perDay.has(d)) perDay.set(d, rng.int(6));
      return perDay.get(d)!;
    };
    const monday = today;
    const answers = [monday - 2, monday - 1, monday].map((asked) =>
      ok(forecastByThroughput({ remaining: 40, samples: weekdaysOnly(asked - 84, asked, work), today: asked, targetDay: monday + 10 })),
    );
    expect(answers[1].percentiles).toEqual(answers[0].percentiles);
    expect(answers[2].percentiles).toEqual(answers[0].percentiles);
    expect(answers[2].targetProbability).toBe(answers[0].targetProbability);
    for (const p of answers[0].percentiles) expect((p.day! + 3) % 7).toBeLessThan(5);
  });

  it('asked mid-week, gives the dates Monday gave less the work done since, on a team whose every week is alike and whose pace holds', () => {
    const pattern = [3, 2, 4, 1, 5, 0, 0];
    const work = (d: number) => pattern[(d + 3) % 7];
    const samplesTo = (asked: number) => Array.from({ length: 84 }, (_, i) => work(asked - 84 + i));
    const mondayAnswer = ok(forecastByThroughput({ remaining: 60, samples: samplesTo(today), today, model: FIXED }));
    // By Wednesday morning Monday and Tuesday finished 5 of the 60.
    const wednesday = ok(forecastByThroughput({ remaining: 55, samples: samplesTo(today + 2), today: today + 2, model: FIXED }));
    expect(wednesday.percentiles).toEqual(mondayAnswer.percentiles);
  });

  it('never finishes at a weekend for a team that never has', () => {
    const samples = weekdaysOnly(today - 84, today, (d) => 1 + (d % 3));
    const f = ok(forecastByThroughput({ remaining: 75, samples, today }));
    for (const day of f.histogram.days) expect((day + 3) % 7).toBeLessThan(5);
  });

  it('slows over the year-end holidays', () => {
    const samples = new Array(84).fill(2);
    const december = dayOf('2026-12-14');
    const june = dayOf('2026-06-08');
    const lateOverHolidays = at(ok(forecastByThroughput({ remaining: 60, samples, today: december, model: FIXED })), 50)! - december;
    const lateInJune = at(ok(forecastByThroughput({ remaining: 60, samples, today: june, model: FIXED })), 50)! - june;
    expect(lateInJune).toBe(29);
    // Nine days at 30 % of the pace cost about six days.
    expect(lateOverHolidays).toBeGreaterThanOrEqual(lateInJune + 5);
    expect(lateOverHolidays).toBeLessThanOrEqual(lateInJune + 7);
  });

  it('counts recent weeks more, so a team that just slowed down is forecast slower than its window average', () => {
    const slowedDown = [...new Array(56).fill(3), ...new Array(28).fill(1)];
    const even = new Array(84).fill(7 / 3); // the same items over the same 84 days
    const a = ok(forecastByThroughput({ remaining: 100, samples: slowedDown, today, model: FIXED }));
    const b = ok(forecastByThroughput({ remaining: 100, samples: even, today, model: FIXED }));
    expect(at(a, 50)!).toBeGreaterThan(at(b, 50)!);
  });
});

describe('forecastByThroughput: promises', () => {
  it('gives the same answer for the same data', () => {
    const samples = [0, 3, 1, 0, 5, 2, 0, 0, 4, 1, 1, 0, 2, 3, 0, 1];
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

  it('counts work finished today towards a target of today', () => {
    const f = ok(forecastByThroughput({ remaining: 2, samples: new Array(84).fill(2), today, targetDay: today, model: FIXED }));
    expect(f.targetProbability).toBe(1);
    expect(at(f, 85)).toBe(today);
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

describe('learnModel', () => {
  const firstDay = dayOf('2022-01-03');
  const history = (weeks: number, perWeek: (w: number) => number) =>
    Array.from({ length: weeks * 7 }, (_, i) => (i % 7 < 5 ? perWeek(Math.floor(i / 7)) / 5 : 0));

  it('falls back on what real teams show when the product has no two quarters to compare', () => {
    const learned = learnModel(
      history(20, () => 10),
      firstDay,
    );
    expect(learned.quarters).toBe(0);
    expect(learned.model.volatility).toBe(PRIOR_VOLATILITY);
    expect(learned.model.holidayFactor).toBe(PRIOR_HOLIDAY_FACTOR);
    expect(learned.typicalQuarterChange).toBeCloseTo(1.33, 2);
  });

  it('learns a wider spread from a team whose pace swings from quarter to quarter than from a steady one', () => {
    const steady = learnModel(
      history(156, () => 20),
      firstDay,
    );
    const swinging = learnModel(
      history(156, (w) => (Math.floor(w / 12) % 2 ? 40 : 12)),
      firstDay,
    );
    expect(steady.quarters).toBe(12);
    // Twelve quarters without change against the prior's four: a quarter of the prior's variance.
    expect(steady.model.volatility).toBeCloseTo(PRIOR_VOLATILITY / 2, 3);
    expect(swinging.model.volatility).toBeGreaterThan(PRIOR_VOLATILITY * 1.5);
  });

  it("learns the team's own year-end from past year-ends", () => {
    const daily = history(156, () => 20).map((n, i) => {
      const d = new Date((firstDay + i) * 86_400_000);
      const holiday = (d.getUTCMonth() === 11 && d.getUTCDate() >= 24) || (d.getUTCMonth() === 0 && d.getUTCDate() === 1);
      return holiday ? 0 : n;
    });
    const learned = learnModel(daily, firstDay);
    expect(learned.yearEnds).toBe(2);
    // Two year-ends of none pull the prior of 30 % two thirds of the way to zero.
    expect(learned.model.holidayFactor).toBeCloseTo(PRIOR_HOLIDAY_FACTOR / 3, 2);
  });
});

describe('assessConfidence', () => {
  const steady: number[] = Array.from({ length: 84 }, (_, i) => ((i + 3) % 7 < 5 ? 2 : 0));

  it('is high for a steady team with plenty of finished work behind it', () => {
    const c = assessConfidence({ samples: steady, remaining: 20, today, p85Day: today + 20 });
    expect(c).toEqual({ level: 'high', reasons: [] });
    expect(confidenceText(c)).toMatch(/^High confidence/);
  });

  it('warns when the pace dropped in the last four weeks', () => {
    const slowdown = [...steady.slice(0, 56), ...steady.slice(56).map((n, i) => (n && i % 3 === 0 ? 1 : 0))];
    const c = assessConfidence({ samples: slowdown, remaining: 20, today, p85Day: today + 40 });
    expect(c.reasons.map((r) => r.code)).toEqual(['pace_changed']);
    expect(c.level).toBe('low');
    expect(c.reasons[0].message).toMatch(
      /^The pace dropped: 7 items finished in the last 4 weeks, against 29 every 4 weeks over the last 12 weeks\./,
    );
  });

  it('warns when one day dominates the window, as a bulk close does', () => {
    const bulk = [...steady];
    bulk[70] = 40;
    const c = assessConfidence({ samples: bulk, remaining: 20, today, p85Day: today + 20 });
    expect(c.reasons.map((r) => r.code)).toContain('bulk_close');
    expect(c.reasons.find((r) => r.code === 'bulk_close')!.message).toMatch(/^One day, 16 February, holds 40 of the 158 items/);
    expect(c.level).not.toBe('high');
  });

  it('warns when the window is thin against what remains, and when the forecast crosses the year-end', () => {
    const december = dayOf('2026-12-07');
    const c = assessConfidence({ samples: steady, remaining: 100, today: december, p85Day: december + 60, holidayFactor: 0.3 });
    expect(c.reasons.map((r) => r.code)).toEqual(['thin_window', 'year_end']);
    expect(c.reasons[0].message).toBe(
      'Only 120 items finished in the last 12 weeks, against 100 remaining: at that pace the forecast looks 10 weeks ahead from 12 weeks of evidence, so a change of pace weighs heavily.',
    );
    expect(c.level).toBe('medium');
  });

  it('warns when the scope grows faster than work finishes', () => {
    const c = assessConfidence({
      samples: steady,
      remaining: 20,
      today,
      p85Day: today + 20,
      scopeChange: { days: 28, grew: 12, finished: 9 },
    });
    expect(c.reasons).toEqual([expect.objectContaining({ code: 'scope_growing', severity: 'low' })]);
    expect(c.reasons[0].message).toMatch(
      /^Scope is growing faster than work finishes: it grew by 12 items in the last 4 weeks while 9 were finished\./,
    );
  });
});

describe('backtest', () => {
  // Two years of days drawn from one distribution.
  const rng = new Random(42);
  const doneDays: number[] = [];
  for (let d = 0; d < 730; d++) for (let k = rng.int(6); k > 0; k--) doneDays.push(d);
  const days = weekdaysBetween(84, 730).filter((d) => d % 3 === 0);

  it('is calibrated on stationary throughput when the pace is known not to wander, and cautious when it is learned', () => {
    const fixed = calibrate(
      backtest({ doneDays, horizons: [20, 60], days, to: 730, historyStart: 0, trials: 1000, model: { volatility: 0 } }),
      730,
    );
    const learned = calibrate(backtest({ doneDays, horizons: [20, 60], days, to: 730, historyStart: 0, trials: 1000 }), 730);
    for (const scope of fixed) {
      const [p50, , p85] = scope.hits;
      expect(p50.judged).toBeGreaterThan(100);
      expect(p50.rate!).toBeGreaterThan(0.42);
      expect(p50.rate!).toBeLessThan(0.62);
      expect(p85.rate!).toBeGreaterThan(0.75);
      expect(p85.rate!).toBeLessThan(0.92);
    }
    // Two years of a steady pace pull the spread of typical teams only two thirds of the way down.
    for (const scope of learned) {
      expect(scope.hits[2].rate!).toBeGreaterThan(0.85);
      expect(scope.hits[2].rate!).toBeLessThan(0.98);
    }
  });

  it('judges a date once the work is done or the date has passed, and gives each rate an interval around it', () => {
    const cases = backtest({ doneDays, horizons: [25], days, to: 730, historyStart: 0, trials: 500 });
    const last = cases[cases.length - 1];
    expect(last.actual).toBeNull();
    expect(judge(last, 2, 730)).toBe(last.dates[2]! < 730 ? 'missed' : null);
    const [scope] = calibrate(cases, 730);
    expect(scope).toMatchObject({ scope: 'next 25 items', kind: 'items', forecasts: cases.length });
    for (const hit of scope.hits) {
      expect(hit.low!).toBeLessThanOrEqual(hit.rate!);
      expect(hit.high!).toBeGreaterThanOrEqual(hit.rate!);
      expect(hit.high! - hit.low!).toBeGreaterThan(0.02);
    }
  });

  it('forecasts a release on each day asked for its items then open, and judges it by its last item', () => {
    const records = [
      { created: 100, done: 130 },
      { created: 100, done: 170 },
      { created: 150, done: null },
    ];
    const cases = backtest({
      doneDays,
      scopes: [{ name: 'R1', releaseId: 7, records }],
      days: [120, 140, 160],
      to: 730,
      historyStart: 0,
      trials: 500,
    });
    expect(cases.map((c) => [c.asOf, c.remaining, c.actual])).toEqual([
      [120, 2, 170],
      [140, 1, 170],
      [160, 2, null],
    ]);
    expect(cases[0]).toMatchObject({ kind: 'release', releaseId: 7, scope: 'R1' });
  });
});

describe('history from real projects', () => {
  const agile = realHistories().find((h) => h.name.endsWith('project 1'))!;

  it('counts the agile-project-dataset rows that finish the day before they were created as same-day finishes, and says so', () => {
    const rows = agile.rows;
    const dayEarly = rows.filter((r) => r.done! < r.created!);
    expect(dayEarly.length).toBeGreaterThan(rows.length * 0.3);
    expect(dayEarly.every((r) => parseDay(r.created!)! - parseDay(r.done!)! === 1)).toBe(true);
    const prepared = prepareHistory(rows);
    expect(prepared.sameDay).toBe(dayEarly.length);
    expect(prepared.dropped.doneBeforeCreated).toBe(0);
    expect(prepared.records).toHaveLength(rows.length);
    expect(prepared.note).toBe(
      `${dayEarly.length} of ${rows.length} finished the day before they were created (a clock or time-zone artefact of the tracker they came from) and count as finished the day they were created.`,
    );
  });

  it('drops a record that finishes more than a day before it was created, and one whose date is not a date', () => {
    const prepared = prepareHistory([
      { created: '2026-02-31', done: '2026-03-05' },
      { created: '2026-03-01', done: 'soon' },
      { created: '2026-03-05', done: '2026-03-01' },
      { created: '2026-03-01', done: null },
    ]);
    expect(prepared.dropped).toEqual({ doneBeforeCreated: 1, unreadableDate: 2 });
    expect(prepared.records).toEqual([{ created: parseDay('2026-03-01'), done: null }]);
    expect(prepared.note).toBe(
      'Dropped 3 of 4 records: 1 finished more than a day before they were created, 2 had a date that is not a date.',
    );
  });

  it('forecasts from TAWOS completion dates, bulk closes and all, and says the bulk close lowers its confidence', () => {
    const spring = realHistories().find((h) => h.name.startsWith('Spring XD'))!;
    const days = prepareHistory(spring.rows).records.map((r) => r.done!);
    const asOf = dayOf('2015-11-16'); // two days after 61 issues were closed on one Saturday
    const samples = throughputSamples(days, asOf - 84, asOf);
    const f = ok(forecastByThroughput({ remaining: 100, samples, today: asOf }));
    expect(at(f, 50)!).toBeLessThanOrEqual(at(f, 85)!);
    expect(at(f, 85)!).toBeLessThanOrEqual(at(f, 95)!);
    const c = assessConfidence({ samples, remaining: 100, today: asOf, p85Day: at(f, 85) });
    expect(c.reasons.find((r) => r.code === 'bulk_close')?.message).toMatch(/^One day, 14 November, holds 61 of the 250 items/);
  });
});
