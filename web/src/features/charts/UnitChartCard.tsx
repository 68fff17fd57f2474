import { useState, type ReactNode } from 'react';
import { weekdayDay } from '../../ui/time';
import { Chart, type ChartProps } from './Chart';
import { ChartCard } from './ChartCard';
import { Legend, type LegendEntry } from './Legend';
import { Segmented } from './Segmented';

/** What delivery charts count: story points, or items when nothing is estimated. */
export type Unit = 'points' | 'items';

const UNITS: Array<{ value: Unit; label: string }> = [
  { value: 'points', label: 'Points' },
  { value: 'items', label: 'Items' },
];

/** The reader's unit, points to begin with when anything is estimated; `suffix` follows a value ("5 pt"). */
export function useUnit(estimated: boolean) {
  const [unit, setUnit] = useState<Unit>(estimated ? 'points' : 'items');
  return { unit, setUnit, suffix: unit === 'points' ? ' pt' : '' };
}

interface UnitChartCardProps {
  title: string;
  /** one line on how to read the chart */
  description: ReactNode;
  testId: string;
  unit: Unit;
  onUnit: (unit: Unit) => void;
  chart: Omit<ChartProps, 'onHover'>;
  /** the chart's key with the values at a data index: the hovered one, or else `latest` */
  legend: (at: number) => LegendEntry[];
  latest?: number;
  /** the x axis' calendar days, when it has them: the key then names the day its values are of */
  days?: string[];
  /** shown instead of the chart and its key when there is nothing to draw (null: nothing at all) */
  empty?: ReactNode;
}

/**
 * The frame every delivery chart shares (burnup, burndown, velocity): the card with its title and
 * how to read it, the Points | Items switch, the chart, and its key with the values of the hovered day.
 */
export function UnitChartCard({ title, description, testId, unit, onUnit, chart, legend, latest = -1, days, empty }: UnitChartCardProps) {
  const [hovered, setHovered] = useState<number | null>(null);
  const at = hovered ?? latest;
  const day = days?.[at];
  return (
    <ChartCard
      title={title}
      description={description}
      actions={<Segmented label={`${title} unit`} value={unit} onChange={onUnit} options={UNITS} />}
      testId={testId}
    >
      {empty !== undefined ? (
        empty
      ) : (
        <>
          <Chart {...chart} onHover={setHovered} />
          <Legend caption={day ? weekdayDay(day) : undefined} entries={legend(at)} />
        </>
      )}
    </ChartCard>
  );
}
