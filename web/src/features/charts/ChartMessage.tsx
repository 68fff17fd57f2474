import type { ReactNode } from 'react';
import { ErrorState } from '../../ui/ErrorState';

/** A chart that cannot be drawn, for a reason given in words. */
export function ChartMessage({
  height = 240,
  title,
  children,
  error,
  onRetry,
}: {
  height?: number;
  title?: string;
  children?: ReactNode;
  error?: unknown;
  onRetry?: () => void;
}) {
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
