import type { TProductDetail } from '@ordo/contract';
import { useDeliveryLive, type ReportFilters } from '../../api/delivery';
import { dayRange } from '../../ui/time';
import { AgingChart } from './AgingChart';
import { CumulativeFlowChart } from './CumulativeFlowChart';
import { CycleTimeChart } from './CycleTimeChart';
import { ReportCard } from './ReportCard';
import { ReportToolbar } from './ReportToolbar';
import { ThroughputChart } from './ThroughputChart';
import { useReportFilters } from './useReportFilters';
import '../../styles/delivery.css';
import './reports.css';

/** The flow charts: where work piles up, how long it takes, how much gets done, and what is getting old. */
export function ReportsView({ product }: { product: TProductDetail }) {
  const productKey = product.key;
  useDeliveryLive(productKey);
  const f = useReportFilters();
  const { filters } = f;
  return (
    <div className="delivery-page reports">
      <header className="delivery-header">
        <div className="delivery-title">
          <h1>Reports</h1>
          <p className="muted">
            How work flows, rebuilt from every change on record. Hover for the day or the item; click a dot to open it.
          </p>
        </div>
        <ReportToolbar product={product} filters={f} />
      </header>
      <ReportCard
        productKey={productKey}
        kind="cfd"
        filters={filters}
        height={210}
        title="Cumulative flow"
        description={<FlowDescription filters={filters} />}
      >
        {(flow) => <CumulativeFlowChart flow={flow} />}
      </ReportCard>
      <ReportCard
        productKey={productKey}
        kind="cycle-time"
        filters={filters}
        height={210}
        title="Cycle time"
        description="Days from start to done for each finished item. 85 % of items took no longer than the amber line."
      >
        {(cycle) => <CycleTimeChart cycle={cycle} productKey={productKey} />}
      </ReportCard>
      <div className="report-pair">
        <ReportCard
          productKey={productKey}
          kind="throughput"
          filters={filters}
          height={220}
          title="Throughput"
          description="Items finished each week."
        >
          {(throughput) => <ThroughputChart throughput={throughput} />}
        </ReportCard>
        <ReportCard
          productKey={productKey}
          kind="aging"
          filters={filters}
          height={220}
          title="Aging work in progress"
          description="Items being worked on now, by age, against how long finished items took."
        >
          {(aging) => <AgingChart aging={aging} productKey={productKey} />}
        </ReportCard>
      </div>
    </div>
  );
}

function FlowDescription({ filters }: { filters: ReportFilters }) {
  const period = filters.from || filters.to ? dayRange(filters.from ?? null, filters.to ?? null) : null;
  return <>Items in each state at the end of every day{period ? `, ${period}` : ''}. A widening band is work piling up in that state.</>;
}
