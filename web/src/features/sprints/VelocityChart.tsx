import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import type { TVelocity } from '@ordo/contract';
import { countAxis, fromZero, type ChartOptions, alpha, UnitChartCard, useUnit, type ChartTheme } from '../charts';
import { dayRange } from '../../ui/time';

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** What each closed sprint finished, as bars, with the average of the last three as a line. */
export function VelocityChart({ velocity }: { velocity: TVelocity }) {
  const sprints = velocity.sprints;
  const { unit, setUnit, suffix } = useUnit(sprints.some((s) => s.points > 0));
  const average = velocity.average ? velocity.average[unit] : null;
  const data = useMemo<uPlot.AlignedData>(
    // The average is of the last three sprints, so its line spans only them.
    () => [sprints.map((_, i) => i), sprints.map((s) => s[unit]), sprints.map((_, i) => (i >= sprints.length - 3 ? average : null))],
    [sprints, unit, average],
  );
  const names = useMemo(() => sprints.map((s) => s.name), [sprints]);

  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: fromZero },
      axes: [
        {
          stroke: t.muted,
          font: t.font,
          size: 30,
          grid: { show: false },
          ticks: { show: false },
          border: { show: true, stroke: t.border, width: 1 },
          splits: () => names.map((_, i) => i),
          values: (_u, splits) => splits.map((s) => names[s] ?? ''),
        },
        countAxis(t, { unit: suffix }),
      ],
      series: [
        {},
        {
          label: 'Finished',
          stroke: t.accent,
          fill: alpha(t.accent, t.dark ? 0.55 : 0.7),
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.55, 56], radius: 0.15 }),
          points: { show: false },
        },
        { label: 'Average', stroke: t.warning, width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      cursor: { x: false, y: false, points: { show: false } },
    }),
    [names, suffix],
  );

  const tooltip = (i: number) => {
    const s = sprints[i];
    if (!s) return null;
    return (
      <>
        <strong>{s.name}</strong>
        <div className="muted">{dayRange(s.startDate, s.endDate)}</div>
        <div className="tooltip-row">
          Points <span className="tooltip-value">{round(s.points)}</span>
        </div>
        <div className="tooltip-row">
          Items <span className="tooltip-value">{s.items}</span>
        </div>
      </>
    );
  };

  return (
    <UnitChartCard
      title="Velocity"
      description="What each closed sprint finished; the line is the average of the last three."
      testId="velocity"
      unit={unit}
      onUnit={setUnit}
      chart={{ label: `Velocity per sprint in ${unit}`, data, options, height: 200, tooltip }}
      legend={() => [
        { label: 'Finished per sprint', color: 'var(--accent)', shape: 'box' },
        {
          label: 'Average of the last three',
          color: 'var(--warning)',
          shape: 'dash',
          value: average === null ? '–' : `${round(average)}${suffix}`,
        },
      ]}
    />
  );
}
