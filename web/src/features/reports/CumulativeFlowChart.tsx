import { useCallback, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { TCumulativeFlow } from '@ordo/contract';
import {
  countAxis,
  dayAxis,
  fromZero,
  Chart,
  type ChartOptions,
  ChartMessage,
  mix,
  daySeconds,
  Legend,
  useChartTheme,
  type ChartTheme,
} from '../charts';
import { weekdayDay } from '../../ui/time';

type FlowState = TCumulativeFlow['states'][number];

/**
 * Each state's colour: its category's, lighter for each further state of the same category, so
 * "In progress" and "Review" read as one kind of work yet stay apart.
 */
function stateColors(states: FlowState[], t: ChartTheme): string[] {
  const seen = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
  return states.map((s) => {
    const k = seen.get(s.category) ?? 0;
    seen.set(s.category, k + 1);
    const n = counts.get(s.category) ?? 1;
    const base = s.category === 'backlog' ? 0.55 : 0.2;
    return mix(t.state[s.category], t.bg, base + (n > 1 ? (0.4 * k) / n : 0));
  });
}

/**
 * Cumulative flow: the items in each state at the end of every day, stacked in workflow order with
 * the first state on top, so widening bands show where work piles up.
 */
export function CumulativeFlowChart({ flow }: { flow: TCumulativeFlow }) {
  const states = flow.states;
  const [hovered, setHovered] = useState<number | null>(null);
  const theme = useChartTheme();
  const swatches = useMemo(() => stateColors(states, theme), [states, theme]);
  const data = useMemo<uPlot.AlignedData>(() => {
    // Series i is the top edge of state i's band: its count plus every later state's.
    const stacked = states.map((_, i) => flow.dates.map((_d, day) => states.slice(i).reduce((sum, s) => sum + (s.counts[day] ?? 0), 0)));
    return [flow.dates.map(daySeconds), ...stacked];
  }, [flow, states]);

  const names = useMemo(() => states.map((s) => `${s.id}:${s.category}`).join(','), [states]);
  const options = useCallback(
    (t: ChartTheme): ChartOptions => {
      const colors = stateColors(states, t);
      return {
        scales: { x: { time: false }, y: fromZero },
        axes: [dayAxis(t), countAxis(t)],
        series: [
          {},
          ...states.map((s, i) => ({
            label: s.name,
            stroke: mix(colors[i]!, t.text, 0.12),
            width: 1,
            fill: colors[i],
            points: { show: false },
          })),
        ],
        cursor: { y: false, points: { show: false } },
      };
    },
    // The colours follow the states' identity and category, not every refetch.
    [names],
  );

  const total = flow.dates.length ? states.reduce((sum, s) => sum + (s.counts.at(-1) ?? 0), 0) : 0;
  const anyItems = states.some((s) => s.counts.some((c) => c > 0));
  if (!anyItems) {
    return (
      <ChartMessage height={150} title="No items in this period">
        The chart counts the items in each state day by day. Widen the period, or clear the filters.
      </ChartMessage>
    );
  }

  const at = hovered ?? flow.dates.length - 1;
  const tooltip = (i: number) => (
    <>
      <strong>{weekdayDay(flow.dates[i]!)}</strong>
      {states.map((s, k) => (
        <div key={s.id} className="tooltip-row">
          <span className="legend-swatch legend-box" style={{ color: swatches[k] }} />
          {s.name}
          <span className="tooltip-value">{s.counts[i] ?? 0}</span>
        </div>
      ))}
    </>
  );

  return (
    <>
      <Chart
        label={`Cumulative flow of ${total} items across ${states.length} states`}
        data={data}
        options={options}
        height={210}
        tooltip={tooltip}
        onHover={setHovered}
        testId="cfd-chart"
      />
      <Legend
        caption={flow.dates[at] ? weekdayDay(flow.dates[at]!) : undefined}
        entries={states.map((s, k) => ({ label: s.name, color: swatches[k]!, value: s.counts[at] ?? 0 }))}
      />
    </>
  );
}
