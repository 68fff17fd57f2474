import type { ReactNode } from 'react';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';

interface ChartCardProps {
  title: string;
  /** one line on how to read the chart */
  description?: ReactNode;
  /** controls at the top right: a unit switch, a window */
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A titled panel around a chart, the way every chart on the delivery pages sits. */
export function ChartCard({ title, description, actions, children, testId }: ChartCardProps) {
  return (
    <section className="chart-card" data-testid={testId} aria-label={title}>
      <header className="chart-card-header">
        <div>
          <h2>{title}</h2>
          {description && <p className="chart-card-description">{description}</p>}
        </div>
        {actions && <div className="chart-card-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** The chart's place while its data loads: the same height, shimmering. */
export function ChartSkeleton({ height = 240 }: { height?: number }) {
  return (
    <div className="chart-skeleton" style={{ height }} aria-busy="true" aria-label="Loading chart">
      <Skeleton height={height - 24} />
      <Skeleton width="40%" height={10} />
    </div>
  );
}

/** A chart that cannot be drawn, for a reason given in words. */
export function ChartMessage({ height = 240, title, children, error, onRetry }: { height?: number; title?: string; children?: ReactNode; error?: unknown; onRetry?: () => void }) {
  return (
    <div className="chart-message" style={{ minHeight: height }}>
      {error ? (
        <ErrorState error={error} onRetry={onRetry} title={title} />
      ) : (
        <>
          {title && <h3>{title}</h3>}
          {children && <p className="muted">{children}</p>}
        </>
      )}
    </div>
  );
}
