import { Skeleton } from '../../ui/Skeleton';

/** The chart's place while its data loads: the same height, shimmering. */
export function ChartSkeleton({ height = 240 }: { height?: number }) {
  return (
    <div className="chart-skeleton" style={{ height }} aria-busy="true" aria-label="Loading chart">
      <Skeleton height={height - 24} />
      <Skeleton width="40%" height={10} />
    </div>
  );
}
