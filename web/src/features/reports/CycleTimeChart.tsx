import { useCallback, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import type uPlot from 'uplot';
import type { TCycleTime } from '@ordo/contract';
import type { ItemType } from '@ordo/contract';
import {
  countAxis,
  dayAxis,
  fromZero,
  horizontalMarker,
  nearestPoint,
  Chart,
  type ChartOptions,
  alpha,
  ChartMessage,
  DAY_S,
  daySeconds,
  Legend,
  type ChartTheme,
} from '../charts';
import { addDays } from '@ordo/domain/dates';
import { longDay } from '../../ui/time';
import { HoveredTitle } from './HoveredTitle';
import { ITEM_TYPE_ORDER, TYPE_LABELS } from '../../ui/TypeIcon';
import { spread } from './spread';

const days = (n: number | null) => (n === null ? '–' : `${n} d`);

/**
 * Every finished item as a dot: when it was done, and how many days it took from start to done,
 * coloured by type, with the 50/85/95 % lines. Hover names the item; a click opens it.
 */
export function CycleTimeChart({ cycle, productKey }: { cycle: TCycleTime; productKey: string }) {
  const navigate = useNavigate();
  const p = cycle.percentiles;

  const { data, order, types, keys, typeOf } = useMemo(() => {
    const keys = cycle.numbers.map((n) => `${cycle.productKey}-${n}`);
    const typeOf = (i: number) => cycle.types[cycle.typeIndex[i]!] as ItemType;
    const start = daySeconds(cycle.from);
    // Items done the same day would sit on one x: spread them across the day.
    const xs = keys.map((k, i) => start + DAY_S * (cycle.doneDays[i]! + 0.15 + 0.7 * spread(k)));
    const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
    const types = ITEM_TYPE_ORDER.filter((t) => cycle.types.includes(t));
    const data: uPlot.AlignedData = [
      order.map((i) => xs[i]!),
      ...types.map((t) => order.map((i) => (typeOf(i) === t ? cycle.cycleDays[i]! : null))),
    ];
    return { data, order, types, keys, typeOf };
  }, [cycle]);

  const ys = useMemo(() => order.map((i) => cycle.cycleDays[i]!), [order, cycle]);
  const lines = useRef(p);
  lines.current = p;
  const typeKey = types.join(',');
  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false }, y: fromZero },
      axes: [dayAxis(t), countAxis(t, { unit: ' d' })],
      series: [
        {},
        ...types.map((type) => ({
          label: TYPE_LABELS[type as ItemType],
          stroke: t.type[type as ItemType],
          fill: t.type[type as ItemType],
          width: 0,
          paths: () => null,
          points: { show: true, size: 6, width: 0, fill: t.type[type as ItemType], stroke: t.type[type as ItemType] },
        })),
      ],
      cursor: { x: false, y: false, points: { show: false } },
      hooks: {
        draw: [
          (u) => {
            const { p50, p85, p95 } = lines.current;
            if (p50 !== null)
              horizontalMarker(u, p50, { color: t.success, label: `50 % · ${p50} d`, font: t.font, background: alpha(t.bg, 0.85) });
            if (p85 !== null)
              horizontalMarker(u, p85, { color: t.warning, label: `85 % · ${p85} d`, font: t.font, background: alpha(t.bg, 0.85) });
            if (p95 !== null)
              horizontalMarker(u, p95, { color: t.danger, label: `95 % · ${p95} d`, font: t.font, background: alpha(t.bg, 0.85) });
          },
        ],
      },
    }),
    [typeKey],
  );

  const pick = useCallback((u: uPlot, left: number, top: number) => nearestPoint(u, left, top, u.data[0], ys), [ys]);
  const open = useCallback((i: number) => navigate(`/p/${productKey}/items/${keys[order[i]!]}`), [navigate, productKey, keys, order]);

  if (keys.length === 0) {
    return (
      <ChartMessage height={150} title="Nothing finished in this period">
        Cycle time is the days from starting an item to finishing it. Dots appear here as items reach Done.
      </ChartMessage>
    );
  }

  const tooltip = (i: number) => {
    const k = order[i]!;
    return (
      <>
        <strong>
          {keys[k]} <span className="faint">{TYPE_LABELS[typeOf(k)] ?? typeOf(k)}</span>
        </strong>
        <HoveredTitle itemKey={keys[k]!} />
        <div className="tooltip-row">{cycle.cycleDays[k]} days from start to done</div>
        <div className="muted">Done {longDay(addDays(cycle.from, cycle.doneDays[k]!))} · click to open</div>
      </>
    );
  };

  return (
    <>
      <Chart
        label={`Cycle time of ${keys.length} finished items`}
        data={data}
        options={options}
        height={210}
        pick={pick}
        tooltip={tooltip}
        onPick={open}
        testId="cycle-time-chart"
      />
      <Legend
        caption={`${keys.length} items`}
        entries={[
          ...types.map((type) => ({ label: TYPE_LABELS[type as ItemType], color: `var(--type-${type})`, shape: 'dot' as const })),
          { label: '50 %', color: 'var(--success)', shape: 'dash', value: days(p.p50) },
          { label: '85 %', color: 'var(--warning)', shape: 'dash', value: days(p.p85) },
          { label: '95 %', color: 'var(--danger)', shape: 'dash', value: days(p.p95) },
        ]}
      />
    </>
  );
}
