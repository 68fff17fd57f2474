import { useCallback, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { TReleaseForecast } from '@ordo/contract';
import {
  countAxis,
  dayAxis,
  fromZero,
  verticalMarker,
  Chart,
  type ChartOptions,
  alpha,
  DAY_S,
  daySeconds,
  Legend,
  type ChartTheme,
} from '../charts';
import { longDay, shortDay, weekdayDay } from '../../ui/time';

type OkForecast = Extract<TReleaseForecast, { status: 'ok' }>;

/** How far the target may sit from the distribution before the axis stops stretching to reach it. */
const MAX_STRETCH = 3;

interface Marks {
  percentiles: Array<{ percent: number; x: number }>;
  target: { x: number; inRange: boolean; day: string } | null;
  late: boolean;
}

/**
 * The Monte Carlo outcome as a distribution: how many of the 10,000 trials finished on each day,
 * green up to the target and grey after it, with the 50/70/85/95 % dates and the target marked.
 */
export function ForecastHistogram({ forecast }: { forecast: OkForecast }) {
  const h = forecast.histogram;
  const total = h.trials.reduce((a, b) => a + b, 0) || 1;

  const { data, marks, range } = useMemo(() => {
    const xs = h.dates.map(daySeconds);
    const target = forecast.targetDate ? daySeconds(forecast.targetDate) : null;
    const share = h.trials.map((n) => (n / total) * 100);
    const onTime = share.map((v, i) => (target !== null && xs[i]! <= target ? v : null));
    const late = share.map((v, i) => (target === null || xs[i]! > target ? v : null));
    const first = xs[0] ?? 0;
    const last = xs.at(-1) ?? first;
    const pad = Math.max(1, h.bucketDays) * DAY_S;
    const span = Math.max(last - first, 7 * DAY_S);
    let lo = first - pad;
    let hi = last + pad;
    let inRange = false;
    if (target !== null && target >= first - span * MAX_STRETCH && target <= last + span * MAX_STRETCH) {
      lo = Math.min(lo, target - pad);
      hi = Math.max(hi, target + pad);
      inRange = true;
    }
    const marks: Marks = {
      percentiles: forecast.percentiles.flatMap((p) => (p.date ? [{ percent: p.percent, x: daySeconds(p.date) }] : [])),
      target: target !== null && forecast.targetDate ? { x: target, inRange, day: forecast.targetDate } : null,
      late: (forecast.daysLate85 ?? 0) > 0,
    };
    return { data: [xs, onTime, late] as uPlot.AlignedData, marks, range: [lo, hi] as [number, number] };
  }, [forecast, h, total]);

  const marksRef = useRef(marks);
  marksRef.current = marks;
  const cumulative = useMemo(() => {
    let sum = 0;
    return h.trials.map((n) => (sum += n) / total);
  }, [h.trials, total]);

  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false, range: range }, y: fromZero },
      axes: [dayAxis(t), countAxis(t, { unit: ' %' })],
      series: [
        {},
        {
          label: 'By the target',
          fill: alpha(t.success, 0.75),
          stroke: t.success,
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.9, 18], align: 0 }),
          points: { show: false },
        },
        {
          label: 'After the target',
          fill: alpha(t.muted, t.dark ? 0.55 : 0.45),
          stroke: t.muted,
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.9, 18], align: 0 }),
          points: { show: false },
        },
      ],
      cursor: { y: false, points: { show: false } },
      hooks: {
        draw: [
          (u) => {
            const m = marksRef.current;
            m.percentiles.forEach((p, i) =>
              verticalMarker(u, p.x, {
                color: p.percent === 85 ? t.accent : t.muted,
                label: `${p.percent} %`,
                dash: [4, 3],
                width: p.percent === 85 ? 2 : 1.25,
                labelRow: i,
                background: t.bg,
                font: t.font,
              }),
            );
            if (m.target) {
              const x = m.target.inRange ? m.target.x : m.target.x < u.scales.x.min! ? u.scales.x.min! : u.scales.x.max!;
              const arrow = m.target.inRange ? '' : m.target.x < x ? '← ' : ' →';
              const label = m.target.x < x ? `${arrow}Target ${shortDay(m.target.day)}` : `Target ${shortDay(m.target.day)}${arrow}`;
              verticalMarker(u, x, {
                color: m.late ? t.danger : t.success,
                label,
                width: 2,
                labelAt: 'bottom',
                background: t.bg,
                font: t.font,
              });
            }
          },
        ],
      },
    }),
    [range],
  );

  const tooltip = (i: number) => {
    const day = h.dates[i];
    if (!day) return null;
    const n = h.trials[i] ?? 0;
    return (
      <>
        <strong>{h.bucketDays > 1 ? `Week of ${longDay(day)}` : weekdayDay(day)}</strong>
        <div className="tooltip-row">
          Trials finishing then <span className="tooltip-value">{((n / total) * 100).toFixed(1)} %</span>
        </div>
        <div className="tooltip-row">
          Finished by then <span className="tooltip-value">{Math.round((cumulative[i] ?? 0) * 100)} %</span>
        </div>
      </>
    );
  };

  const p85 = forecast.percentiles.find((p) => p.percent === 85)?.date;
  return (
    <>
      <Chart
        label="Distribution of forecast completion dates"
        data={data}
        options={options}
        height={220}
        tooltip={tooltip}
        testId="forecast-histogram"
      />
      <Legend
        entries={[
          ...(forecast.targetDate ? [{ label: 'Finishes by the target', color: 'var(--success)', shape: 'box' as const }] : []),
          { label: forecast.targetDate ? 'Finishes after it' : 'Trials finishing on the day', color: 'var(--text-muted)', shape: 'box' },
          { label: '85 % likely by', color: 'var(--accent)', shape: 'dash', value: p85 ? longDay(p85) : 'beyond the horizon' },
          ...(forecast.targetDate
            ? [
                {
                  label: 'Target',
                  color: marks.late ? 'var(--danger)' : 'var(--success)',
                  shape: 'line' as const,
                  value: longDay(forecast.targetDate),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
