import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import type { TThroughput } from '@ordo/contract';
import {
  countAxis,
  dayAxis,
  fromZero,
  Chart,
  type ChartOptions,
  ChartMessage,
  alpha,
  DAY_S,
  daySeconds,
  Legend,
  type ChartTheme,
} from '../charts';
import { addDays } from '@ordo/domain/dates';
import { longDay } from '../../ui/time';

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * Items finished per week as bars. Weeks the period cuts short (the one still running, the one it
 * starts in) are drawn lighter and left out of the average.
 */
export function ThroughputChart({ throughput }: { throughput: TThroughput }) {
  const { weeks, items } = throughput;
  const partial = useMemo(
    () => weeks.map((w) => w < throughput.from || addDays(w, 6) > throughput.to),
    [weeks, throughput.from, throughput.to],
  );
  const full = items.filter((_, i) => !partial[i]);
  const average = full.length ? full.reduce((a, b) => a + b, 0) / full.length : 0;
  const total = items.reduce((a, b) => a + b, 0);

  const data = useMemo<uPlot.AlignedData>(
    () => [
      // Bars sit in the middle of their week.
      weeks.map((w) => daySeconds(w) + 3.5 * DAY_S),
      items.map((n, i) => (partial[i] ? null : n)),
      items.map((n, i) => (partial[i] ? n : null)),
      items.map(() => (full.length ? average : null)),
    ],
    [weeks, items, partial, average, full.length],
  );

  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false, range: (_u, min, max) => [min - 4 * DAY_S, max + 4 * DAY_S] }, y: fromZero },
      axes: [dayAxis(t), countAxis(t)],
      series: [
        {},
        {
          label: 'Finished',
          fill: alpha(t.accent, t.dark ? 0.6 : 0.75),
          stroke: t.accent,
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.7, 48], radius: 0.12 }),
          points: { show: false },
        },
        {
          label: 'Part of a week',
          fill: alpha(t.accent, 0.25),
          stroke: t.accent,
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.7, 48], radius: 0.12 }),
          points: { show: false },
        },
        { label: 'Average', stroke: t.warning, width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      cursor: { x: false, y: false, points: { show: false } },
    }),
    [],
  );

  if (total === 0) {
    return (
      <ChartMessage height={150} title="Nothing finished in this period">
        Throughput counts the items that reach Done each week; it is what the forecasts learn from.
      </ChartMessage>
    );
  }

  const tooltip = (i: number) => (
    <>
      <strong>Week of {longDay(weeks[i]!)}</strong>
      <div className="tooltip-row">
        Finished <span className="tooltip-value">{items[i]}</span>
      </div>
      {partial[i] && <div className="muted">{i === weeks.length - 1 ? 'This week so far' : 'Only part of this week is in the period'}</div>}
    </>
  );

  return (
    <>
      <Chart
        label={`Throughput: ${total} items finished over ${weeks.length} weeks`}
        data={data}
        options={options}
        height={220}
        tooltip={tooltip}
        testId="throughput-chart"
      />
      <Legend
        entries={[
          { label: 'Finished in all', color: 'var(--accent)', shape: 'box', value: total },
          { label: 'Weekly average', color: 'var(--warning)', shape: 'dash', value: round(average) },
        ]}
      />
    </>
  );
}
