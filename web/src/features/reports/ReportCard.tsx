import type { ReactNode } from 'react';
import { useReport, type ReportFilters, type ReportKind } from '../../api/delivery';
import { ChartCard, ChartMessage, ChartSkeleton } from '../charts';

type Data<K extends ReportKind> = NonNullable<ReturnType<typeof useReport<K>>['data']>;

interface ReportProps<K extends ReportKind> {
  productKey: string;
  kind: K;
  filters: ReportFilters;
  title: string;
  description: ReactNode;
  height: number;
  children: (data: Data<K>) => ReactNode;
}

/** One chart's panel: a skeleton while it loads, the reason when it fails, the chart dimmed while new filters load. */
export function ReportCard<K extends ReportKind>({ productKey, kind, filters, title, description, height, children }: ReportProps<K>) {
  const report = useReport(productKey, kind, filters);
  return (
    <ChartCard title={title} description={description} testId={`report-${kind}`}>
      {report.data ? (
        <div className={report.isPlaceholderData ? 'report-stale' : undefined}>{children(report.data)}</div>
      ) : report.isError ? (
        <ChartMessage height={height} error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ChartSkeleton height={height} />
      )}
    </ChartCard>
  );
}
