import { useCallback, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { TScopeChange, TSprintDetail } from '@ordo/contract';
import {
  countAxis,
  dayAxis,
  fromZero,
  alpha,
  type ChartOptions,
  ChartMessage,
  daySeconds,
  ScopeChangeList,
  drawScopeMarks,
  UnitChartCard,
  useUnit,
  type Unit,
  type ChartTheme,
} from '../charts';
import { addDays, daysBetween } from '@ordo/domain/dates';
import { longDay, weekdayDay } from '../../ui/time';

interface BurndownData {
  days: string[];
  remaining: (number | null)[];
  scope: (number | null)[];
  ideal: (number | null)[];
  changes: Map<number, TScopeChange[]>;
}

/** The sprint's days to its end date, what remained each day, the ideal line and scope changes. */
function burndownData(sprint: TSprintDetail, unit: Unit): BurndownData {
  const b = sprint.burndown;
  const days = [...b.dates];
  const last = days.at(-1);
  if (last && sprint.endDate && sprint.endDate > last && sprint.state !== 'closed') {
    for (let d = addDays(last, 1); d <= sprint.endDate; d = addDays(d, 1)) days.push(d);
  }
  const pad = <T,>(values: T[]) => [...values, ...Array<null>(days.length - values.length).fill(null)];
  const remaining = pad(unit === 'points' ? b.remainingPoints : b.remainingItems);
  const scope = pad(unit === 'points' ? b.scopePoints : b.scopeItems);
  const start = days[0];
  const end = sprint.endDate && start && sprint.endDate > start ? sprint.endDate : null;
  const first = scope[0] ?? 0;
  const ideal = days.map((d) => (end && start && d <= end ? first * (1 - daysBetween(start, d) / daysBetween(start, end)) : null));
  const changes = new Map<number, TScopeChange[]>();
  for (const c of b.scopeChanges) {
    const i = days.indexOf(c.date);
    if (i >= 0) changes.set(i, [...(changes.get(i) ?? []), c]);
  }
  return { days, remaining, scope, ideal, changes };
}

/** Remaining work per day against the ideal line, with scope changes marked above the day they happened. */
export function BurndownChart({ sprint }: { sprint: TSprintDetail }) {
  const { unit, setUnit, suffix } = useUnit(sprint.progress.points.total > 0);
  const bd = useMemo(() => burndownData(sprint, unit), [sprint, unit]);
  const data = useMemo<uPlot.AlignedData>(() => [bd.days.map(daySeconds), bd.remaining, bd.scope, bd.ideal], [bd]);
  const changes = useRef(bd.changes);
  changes.current = bd.changes;

  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false }, y: fromZero },
      axes: [dayAxis(t), countAxis(t, { unit: suffix })],
      series: [
        {},
        { label: 'Remaining', stroke: t.accent, width: 2, fill: alpha(t.accent, 0.08), points: { show: true, size: 4, fill: t.accent } },
        { label: 'Scope', stroke: t.muted, width: 1.25, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } },
        { label: 'Ideal', stroke: t.faint, width: 1.25, dash: [5, 5], points: { show: false } },
      ],
      cursor: { y: false },
      hooks: { draw: [(u) => drawScopeMarks(u, changes.current, t)] },
    }),
    [suffix],
  );

  const lastActual = bd.remaining.findLastIndex((v) => v !== null);
  const value = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${Math.round(v)}${suffix}`);
  const other = (i: number) => {
    const b = sprint.burndown;
    if (i >= b.dates.length) return null;
    return unit === 'points' ? `${b.remainingItems[i]} items` : `${b.remainingPoints[i]} pt`;
  };

  const tooltip = (i: number) => (
    <>
      <strong>{weekdayDay(bd.days[i]!)}</strong>
      {bd.remaining[i] !== null && (
        <div className="tooltip-row">
          Remaining
          <span className="tooltip-value">
            {value(bd.remaining[i])}
            {other(i) && <span className="faint"> · {other(i)}</span>}
          </span>
        </div>
      )}
      {bd.scope[i] !== null && (
        <div className="tooltip-row">
          Scope <span className="tooltip-value">{value(bd.scope[i])}</span>
        </div>
      )}
      {bd.ideal[i] !== null && (
        <div className="tooltip-row muted">
          Ideal <span className="tooltip-value">{value(bd.ideal[i])}</span>
        </div>
      )}
      <ScopeChangeList changes={bd.changes.get(i)} />
    </>
  );

  return (
    <UnitChartCard
      title="Burndown"
      description={
        bd.changes.size > 0
          ? 'Work remaining each day against the ideal line; ▲ marks a day scope was added, ▼ removed.'
          : 'Work remaining each day against the ideal line.'
      }
      testId="burndown"
      unit={unit}
      onUnit={setUnit}
      empty={
        sprint.burndown.dates.length === 0 ? (
          <ChartMessage height={120} title="Nothing to draw yet">
            {sprint.startDate
              ? `The burndown begins on ${longDay(sprint.startDate)}, the sprint's first day.`
              : 'The burndown begins when the sprint starts.'}
          </ChartMessage>
        ) : undefined
      }
      chart={{ label: `Burndown of ${sprint.name} in ${unit}`, data, options, height: 240, tooltip }}
      days={bd.days}
      latest={lastActual}
      legend={(at) => [
        { label: 'Remaining', color: 'var(--accent)', shape: 'line', value: value(bd.remaining[at]) },
        { label: 'Scope', color: 'var(--text-muted)', shape: 'line', value: value(bd.scope[at]) },
        { label: 'Ideal', color: 'var(--text-faint)', shape: 'dash', value: value(bd.ideal[at]) },
      ]}
    />
  );
}
