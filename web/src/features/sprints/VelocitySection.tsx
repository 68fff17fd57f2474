import { useVelocity } from '../../api/delivery';
import { ChartCard, ChartMessage, ChartSkeleton } from '../charts';
import { VelocityChart } from './VelocityChart';

/** Velocity across closed sprints, or why there is none yet. */
export function VelocitySection({ productKey }: { productKey: string }) {
  const velocity = useVelocity(productKey);
  if (velocity.isPending) {
    return (
      <ChartCard title="Velocity">
        <ChartSkeleton height={200} />
      </ChartCard>
    );
  }
  if (velocity.isError) {
    return (
      <ChartCard title="Velocity">
        <ChartMessage height={200} error={velocity.error} onRetry={() => void velocity.refetch()} />
      </ChartCard>
    );
  }
  if (velocity.data.sprints.length === 0) {
    return (
      <ChartCard title="Velocity">
        <ChartMessage height={120} title="No closed sprints yet">
          Velocity is what each sprint finished. It appears here when the first sprint closes.
        </ChartMessage>
      </ChartCard>
    );
  }
  return <VelocityChart velocity={velocity.data} />;
}
