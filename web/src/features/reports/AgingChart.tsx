import { useCallback, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import type uPlot from 'uplot';
import type { TAging } from '@ordo/contract';
import {
  countAxis,
  horizontalMarker,
  nearestPoint,
  Chart,
  type ChartOptions,
  ChartMessage,
  alpha,
  mix,
  Legend,
  type ChartTheme,
} from '../charts';
import { spread } from './spread';

/** The percentile an item's age has passed, and what that means for it. */
const BANDS = [
  { beyond: 0, label: 'Younger than half of finished items' },
  { beyond: 50, label: 'Older than 50 %' },
  { beyond: 85, label: 'Older than 85 %' },
  { beyond: 95, label: 'Older than 95 %' },
] as const;

const bandColor = (t: ChartTheme, beyond: number) =>
  beyond >= 95 ? t.danger : beyond >= 85 ? mix(t.warning, t.danger, 0.45) : beyond >= 50 ? t.warning : t.success;
const bandVar = (beyond: number) =>
  beyond >= 95
    ? 'var(--danger)'
    : beyond >= 85
      ? 'color-mix(in srgb, var(--warning), var(--danger) 45%)'
      : beyond >= 50
        ? 'var(--warning)'
        : 'var(--success)';

/**
 * Work in progress by age, one column per in-progress state, against the cycle-time percentiles of
 * finished work: a dot high in the red band is an item older than almost anything the team has
 * finished, and worth a conversation.
 */
export function AgingChart({ aging, productKey }: { aging: TAging; productKey: string }) {
  const navigate = useNavigate();
  const p = aging.percentiles;
  const names = aging.states.map((s) => s.name);

  const { data, order } = useMemo(() => {
    const column = new Map(aging.states.map((s, i) => [s.id, i]));
    const xs = aging.keys.map((k, i) => (column.get(aging.stateIds[i]!) ?? 0) + (spread(k) - 0.5) * 0.6);
    const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
    const data: uPlot.AlignedData = [
      order.map((i) => xs[i]!),
      ...BANDS.map((b) => order.map((i) => (aging.beyond[i] === b.beyond ? aging.ageDays[i]! : null))),
    ];
    return { data, order };
  }, [aging]);
  const ys = useMemo(() => order.map((i) => aging.ageDays[i]!), [order, aging]);

  const lines = useRef(p);
  lines.current = p;
  const namesKey = names.join('|');
  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: {
        x: { time: false, range: [-0.5, names.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(max, lines.current.p95 ?? 0) * 1.1 || 1] },
      },
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
        countAxis(t, { unit: ' d' }),
      ],
      series: [
        {},
        ...BANDS.map((b) => ({
          label: b.label,
          stroke: bandColor(t, b.beyond),
          width: 0,
          paths: () => null,
          points: { show: true, size: 7, width: 1, fill: bandColor(t, b.beyond), stroke: t.bg },
        })),
      ],
      cursor: { x: false, y: false, points: { show: false } },
      hooks: {
        drawClear: [
          (u) => {
            // The percentile bands behind the dots: green under 50 %, then amber, orange and red.
            const { p50, p85, p95 } = lines.current;
            const ctx = u.ctx;
            const { left, width, top, height } = u.bbox;
            const yOf = (v: number) => Math.min(top + height, Math.max(top, u.valToPos(v, 'y', true)));
            const edges = [0, p50, p85, p95, u.scales.y.max ?? 0];
            const fills = [t.success, t.warning, mix(t.warning, t.danger, 0.45), t.danger];
            ctx.save();
            for (let i = 0; i < 4; i++) {
              const lo = edges[i];
              const hi = edges[i + 1];
              if (lo === null || lo === undefined || hi === null || hi === undefined) continue;
              ctx.fillStyle = alpha(fills[i]!, t.dark ? 0.1 : 0.08);
              ctx.fillRect(left, yOf(hi), width, yOf(lo) - yOf(hi));
            }
            ctx.restore();
          },
        ],
        draw: [
          (u) => {
            const { p50, p85, p95 } = lines.current;
            if (p50 !== null)
              horizontalMarker(u, p50, {
                color: t.success,
                label: `50 % · ${p50} d`,
                font: t.font,
                dash: [2, 3],
                background: alpha(t.bg, 0.85),
              });
            if (p85 !== null)
              horizontalMarker(u, p85, {
                color: mix(t.warning, t.danger, 0.45),
                label: `85 % · ${p85} d`,
                font: t.font,
                dash: [2, 3],
                background: alpha(t.bg, 0.85),
              });
            if (p95 !== null)
              horizontalMarker(u, p95, {
                color: t.danger,
                label: `95 % · ${p95} d`,
                font: t.font,
                dash: [2, 3],
                background: alpha(t.bg, 0.85),
              });
          },
        ],
      },
    }),
    [namesKey],
  );

  const pick = useCallback((u: uPlot, left: number, top: number) => nearestPoint(u, left, top, u.data[0], ys), [ys]);
  const open = useCallback(
    (i: number) => navigate(`/p/${productKey}/items/${aging.keys[order[i]!]}`),
    [navigate, productKey, aging.keys, order],
  );

  if (aging.states.length === 0) {
    return (
      <ChartMessage height={150} title="No in-progress states">
        The workflow has no state in the In progress category, so nothing can age in one.
      </ChartMessage>
    );
  }
  if (aging.keys.length === 0) {
    return (
      <ChartMessage height={150} title="Nothing in progress">
        Items appear here while they are being worked on, placed by how long ago they started.
      </ChartMessage>
    );
  }

  const stateName = new Map(aging.states.map((s) => [s.id, s.name]));
  const tooltip = (i: number) => {
    const k = order[i]!;
    const beyond = aging.beyond[k]!;
    return (
      <>
        <strong>{aging.keys[k]}</strong>
        <div className="tooltip-title">{aging.titles[k]}</div>
        <div className="tooltip-row">
          {aging.ageDays[k]} days in progress · {stateName.get(aging.stateIds[k]!)}
        </div>
        <div style={{ color: bandVar(beyond) }}>
          {beyond === 0 ? 'Within the usual cycle time' : `Older than ${beyond} % of finished items`}
        </div>
        {aging.blocked[k] && <div className="blocked-text">Blocked</div>}
        <div className="muted">Click to open</div>
      </>
    );
  };

  const count = (beyond: number) => aging.beyond.filter((b) => b === beyond).length;
  return (
    <>
      <Chart
        label={`Age of ${aging.keys.length} items in progress`}
        data={data}
        options={options}
        height={220}
        pick={pick}
        tooltip={tooltip}
        onPick={open}
        testId="aging-chart"
      />
      <Legend entries={BANDS.map((b) => ({ label: b.label, color: bandVar(b.beyond), shape: 'dot' as const, value: count(b.beyond) }))} />
    </>
  );
}
