import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import type { TForecastBacktest } from '../../src/contract/forecasts.js';
import type { TReleaseForecast } from '../../src/contract/releases.js';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, moveTo } from '../support/items.js';
import { DAY_MS as DAY } from '../../src/domain/dates.js';

const run = promisify(execFile);

/**
 * A team that finished two items every weekday for twelve weeks, then one every other weekday for
 * four; a release planned with five items four weeks ago, which twenty more joined since. The forecast must say it is less
 * sure and why, and the backtest must judge the forecasts the product would have made.
 */
describeEachDialect('forecast confidence and the backtest', (h) => {
  let key: string;
  let owner: TestUser;
  let releaseId: number;
  let start: Date;

  beforeAll(async () => {
    start = h.clock.now();
    const product = await buildBacklog(h);
    key = product.key;
    owner = product.owner;
    const done = product.state('Done');
    for (let day = 0; day < 16 * 7; day++) {
      h.clock.advance(DAY);
      if (day === 12 * 7) {
        const release = await h.api(owner, {
          method: 'POST',
          url: `/api/products/${key}/releases`,
          payload: { name: 'Spring', targetDate: '2026-08-01' },
        });
        releaseId = release.json().id;
        for (let i = 0; i < 5; i++) await buildItem(h, owner, key, { releaseId });
      }
      const weekday = (Math.floor(h.clock.now().getTime() / DAY) + 3) % 7 < 5;
      const finished = !weekday ? 0 : day < 12 * 7 ? 2 : day % 2;
      for (let i = 0; i < finished; i++) await moveTo(h, owner, (await buildItem(h, owner, key)).key, done);
    }
    // Twenty more join the release in its fourth week, none of them finished.
    for (let i = 0; i < 20; i++) await buildItem(h, owner, key, { releaseId });
    h.clock.advance(DAY);
  }, 240_000);

  const forecast = async (): Promise<Extract<TReleaseForecast, { status: 'ok' }>> => {
    const res = await h.api(owner, { method: 'GET', url: `/api/releases/${releaseId}/forecast` });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.status).toBe('ok');
    return f;
  };

  it('says plainly that the pace dropped and the scope grows faster than work finishes, and so is of low confidence', async () => {
    const f = await forecast();
    expect(f.confidence.level).toBe('low');
    expect(f.confidence.reasons.map((r) => r.code)).toEqual(['pace_changed', 'scope_growing']);
    expect(f.confidence.reasons[0].message).toMatch(
      /^The pace dropped: \d+ items finished in the last 4 weeks, against \d+ every 4 weeks over the last 12 weeks\./,
    );
    expect(f.confidence.reasons[1].message).toMatch(
      /^Scope is growing faster than work finishes: it grew by 20 items in the last 4 weeks while 0 were finished\./,
    );
    expect(f.data.model).toMatchObject({ quarters: 0, yearEnds: 0, volatility: 0.15, halfLifeWeeks: 6 });
    expect(f.data.model.note).toMatch(/no two full quarters to learn its own from yet/);
  });

  it('counts an item finished the day before it was created as finished that day, and drops one finished long before', async () => {
    const before = (await forecast()).data.itemsDone;
    const [early, wrong] = [await buildItem(h, owner, key), await buildItem(h, owner, key)];
    const yesterday = new Date(h.clock.now().getTime() - DAY);
    for (const [item, daysBefore] of [
      [early, 0.5],
      [wrong, 5],
    ] as const) {
      const created = new Date(yesterday.getTime() + 12 * 3_600_000);
      await h.ctx.db
        .updateTable('items')
        .set({ created_at: created.toISOString(), done_at: new Date(created.getTime() - daysBefore * DAY).toISOString() })
        .where('key', '=', item.key)
        .execute();
    }
    const f = await forecast();
    expect(f.data.itemsDone).toBe(before + 1);
    expect(f.data.sameDay).toBe(1);
    expect(f.data.dropped.doneBeforeCreated).toBe(1);
    expect(f.data.note).toMatch(/1 of \d+ finished the day before they were created .* count as finished the day they were created\./);
  });

  it('replays every weekday and says how often each date held, with an interval', async () => {
    const res = await h.api(owner, { method: 'GET', url: `/api/products/${key}/forecast-backtest` });
    expect(res.statusCode, res.body).toBe(200);
    const b: TForecastBacktest = res.json();
    expect(b.horizons.map((x) => x.scope)).toEqual(['next 10 items', 'next 25 items', 'next 50 items', 'Spring']);
    const next10 = b.horizons[0];
    expect(next10.hits.map((x) => x.percent)).toEqual([50, 70, 85, 95]);
    // Forecasts on the weekdays from two weeks in to yesterday: about 70 of them.
    expect(next10.forecasts).toBeGreaterThan(60);
    const p85 = next10.hits[2];
    expect(p85.judged).toBeGreaterThan(50);
    expect(p85.low!).toBeLessThanOrEqual(p85.rate!);
    expect(p85.high!).toBeGreaterThanOrEqual(p85.rate!);
    expect(next10.summary).toMatch(
      new RegExp(
        `^Of ${next10.forecasts} forecasts made on weekdays since 16 March, (${p85.judged} can be judged: )?the 85 % date held ${p85.held} times \\(\\d+ %, likely between \\d+ % and \\d+ %\\)\\.$`,
      ),
    );
    expect(b.horizons[3]).toMatchObject({ kind: 'release', releaseId, forecasts: 20 });
    expect(b.horizons[3].summary).toMatch(/^Of 20 forecasts made on weekdays since 16 March, \d+ can be judged:/);
    expect(b.from).toBe(new Date(start.getTime() + 14 * DAY).toISOString().slice(0, 10));
  });

  it('refuses a window under a week, naming the field, and hides a product the caller has no role on', async () => {
    const bad = await h.api(owner, { method: 'GET', url: `/api/products/${key}/forecast-backtest?windowDays=3` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('windowDays');
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/products/${key}/forecast-backtest` })).statusCode).toBe(404);
  });

  it('prints the same table from `ordo forecast-backtest`', async () => {
    const where = h.dialect === 'sqlite' ? ['--data-dir', h.db.url] : ['--database-url', h.db.url];
    const out = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'forecast-backtest', '--product', key, ...where], {
      cwd: path.resolve(__dirname, '../..'),
    });
    expect(out.stdout).toContain(`How good have ${key}'s forecasts been?`);
    expect(out.stdout).toMatch(/question\s+judged\s+50 % date\s+70 % date\s+85 % date\s+95 % date/);
    expect(out.stdout).toMatch(/next 25 items\s+\d+\s+\d+ % \(\d+ %–\d+ %\)/);
  });
});
