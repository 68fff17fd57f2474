import type { ReactNode } from 'react';

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
