import { useCallback, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { TReleaseDetail, TReleaseForecast } from '@ordo/contract';
import type { TScopeChange } from '@ordo/contract';
import {
  countAxis,
  dayAxis,
  fromZero,
  verticalMarker,
  type ChartOptions,
  alpha,
  daySeconds,
  drawScopeMarks,
  ScopeChangeList,
  UnitChartCard,
  useUnit,
  type ChartTheme,
} from '../charts';
import { addDays, daysBetween } from '@ordo/domain/dates';
import { shortDay, weekdayDay } from '../../ui/time';
import { dateAt } from './forecastWords';

/** The axis runs on to the target and the 85 % date, unless they are further than this many history-lengths ahead. */
const MAX_AHEAD = 1.5;

interface Marker {
  day: string;
  label: string;
  kind: 'target-ok' | 'target-late' | 'forecast';
}

/** Done against scope over time, scope changes marked, and where the target and the 85 % forecast fall. */
export function BurnupChart({ release, forecast }: { release: TReleaseDetail; forecast: TReleaseForecast | undefined }) {
  const b = release.burnup;
  const { unit, setUnit, suffix } = useUnit(release.progress.points.total > 0);

  const chart = useMemo(() => {
    const days = [...b.dates];
    const markers: Marker[] = [];
    const p85 = forecast ? dateAt(forecast, 85) : null;
    const late = forecast?.status === 'ok' && (forecast.daysLate85 ?? 0) > 0;
    if (release.targetDate)
      markers.push({ day: release.targetDate, label: `Target ${shortDay(release.targetDate)}`, kind: late ? 'target-late' : 'target-ok' });
    if (p85 && !release.releasedAt) markers.push({ day: p85, label: `85 % ${shortDay(p85)}`, kind: 'forecast' });
    const first = days[0];
    const last = days.at(-1);
    if (first && last) {
      const limit = addDays(last, Math.max(14, Math.round(daysBetween(first, last) * MAX_AHEAD)));
      const end = markers
        .map((m) => m.day)
        .filter((d) => d > last && d <= limit)
        .sort()
        .at(-1);
      if (end) for (let d = addDays(last, 1); d <= addDays(end, 2); d = addDays(d, 1)) days.push(d);
    }
    const pad = (values: number[]) => [...values, ...Array<null>(days.length - values.length).fill(null)];
    const scope = pad(unit === 'points' ? b.scopePoints : b.scopeItems);
    const done = pad(unit === 'points' ? b.donePoints : b.doneItems);
    const changes = new Map<number, TScopeChange[]>();
    for (const c of b.scopeChanges) {
      const i = days.indexOf(c.date);
      if (i >= 0) changes.set(i, [...(changes.get(i) ?? []), c]);
    }
    return { days, scope, done, changes, markers };
  }, [b, release.targetDate, release.releasedAt, forecast, unit]);

  const data = useMemo<uPlot.AlignedData>(() => [chart.days.map(daySeconds), chart.scope, chart.done], [chart]);
  const drawn = useRef(chart);
  drawn.current = chart;

  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false }, y: fromZero },
      axes: [dayAxis(t), countAxis(t, { unit: suffix })],
      series: [
        {},
        { label: 'Scope', stroke: t.text, width: 1.5, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } },
        { label: 'Done', stroke: t.success, width: 2, fill: alpha(t.success, 0.16), points: { show: false } },
      ],
      cursor: { y: false },
      hooks: {
        draw: [
          (u) => {
            drawScopeMarks(u, drawn.current.changes, t);
            drawn.current.markers.forEach((m, i) =>
              verticalMarker(u, daySeconds(m.day), {
                color: m.kind === 'forecast' ? t.accent : m.kind === 'target-late' ? t.danger : t.success,
                label: m.label,
                dash: m.kind === 'forecast' ? [4, 3] : undefined,
                width: 1.5,
                labelAt: 'bottom',
                labelRow: i,
                background: t.bg,
                font: t.font,
              }),
            );
          },
        ],
      },
    }),
    [suffix],
  );

  const value = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v}${suffix}`);
  const lastActual = chart.done.findLastIndex((v) => v !== null);
  const tooltip = (i: number) => (
    <>
      <strong>{weekdayDay(chart.days[i]!)}</strong>
      {chart.done[i] === null ? (
        <div className="muted">Ahead of today</div>
      ) : (
        <>
          <div className="tooltip-row">
            Done <span className="tooltip-value">{value(chart.done[i])}</span>
          </div>
          <div className="tooltip-row">
            Scope <span className="tooltip-value">{value(chart.scope[i])}</span>
          </div>
        </>
      )}
      <ScopeChangeList changes={chart.changes.get(i)} />
    </>
  );

  return (
    <UnitChartCard
      title="Burnup"
      description="Done rising toward the scope line; when scope moves, the finish line moves with it (▲ added, ▼ removed)."
      testId="burnup"
      unit={unit}
      onUnit={setUnit}
      empty={data[0].length > 0 ? undefined : null}
      chart={{ label: `Burnup of ${release.name} in ${unit}`, data, options, height: 240, tooltip }}
      days={chart.days}
      latest={lastActual}
      legend={(at) => [
        { label: 'Done', color: 'var(--success)', shape: 'line', value: value(chart.done[at]) },
        { label: 'Scope', color: 'var(--text)', shape: 'line', value: value(chart.scope[at]) },
      ]}
    />
  );
}
