import { useState } from 'react';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { useDeliveryLive, useSprints } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { ActiveSprintCard } from './ActiveSprintCard';
import { SprintDialog } from './SprintDialog';
import { SprintLine } from './SprintLine';
import { VelocitySection } from './VelocitySection';
import './sprints.css';

/** Every sprint of the product: the one running, those planned next, velocity, and the closed ones. */
export function SprintsView({ product }: { product: TProductDetail }) {
  const productKey = product.key;
  useDeliveryLive(productKey);
  const sprints = useSprints(productKey);
  const canManage = can(product.role, 'sprint.manage');
  const [creating, setCreating] = useState(false);

  const header = (
    <header className="delivery-header">
      <div className="delivery-title">
        <h1>Sprints</h1>
        <p className="muted">Plan a sprint with a goal, start it, watch its burndown, close it.</p>
      </div>
      {canManage && (
        <Button variant="primary" onClick={() => setCreating(true)}>
          New sprint
        </Button>
      )}
    </header>
  );
  const dialog = canManage && (
    <SprintDialog open={creating} onClose={() => setCreating(false)} productKey={productKey} sprints={sprints.data} />
  );

  if (sprints.isPending) {
    return (
      <div className="delivery-page">
        {header}
        <SkeletonRows count={4} height={44} />
      </div>
    );
  }
  if (sprints.isError) {
    return (
      <div className="delivery-page">
        {header}
        <ErrorState error={sprints.error} onRetry={() => void sprints.refetch()} />
      </div>
    );
  }

  const all = sprints.data;
  const active = all.find((s) => s.state === 'active');
  const planned = all.filter((s) => s.state === 'planned');
  const closed = all.filter((s) => s.state === 'closed').reverse();

  if (all.length === 0) {
    return (
      <div className="delivery-page">
        {header}
        <EmptyState
          title="No sprints yet"
          action={
            canManage && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                Plan the first sprint
              </Button>
            )
          }
        >
          {canManage
            ? 'A sprint is a goal and the items that reach it, usually over two weeks. Plan the first one: a name, a goal and its dates.'
            : 'The product owner has not planned a sprint yet. Sprints appear here with their goal and burndown.'}
        </EmptyState>
        {dialog}
      </div>
    );
  }

  return (
    <div className="delivery-page">
      {header}
      <section className="delivery-section" aria-label="Active sprint">
        <h2 className="eyebrow">Active</h2>
        {active ? (
          <ActiveSprintCard productKey={productKey} sprint={active} />
        ) : (
          <p className="muted delivery-empty">
            No sprint is running. {planned.length > 0 && canManage ? 'Open a planned sprint to start it.' : ''}
          </p>
        )}
      </section>
      {planned.length > 0 && (
        <section className="delivery-section" aria-label="Planned sprints">
          <h2 className="eyebrow">Planned</h2>
          <ul className="sprint-lines">
            {planned.map((s) => (
              <SprintLine key={s.id} productKey={productKey} sprint={s} />
            ))}
          </ul>
        </section>
      )}
      <VelocitySection productKey={productKey} />
      {closed.length > 0 && (
        <section className="delivery-section" aria-label="Closed sprints">
          <h2 className="eyebrow">Closed</h2>
          <ul className="sprint-lines">
            {closed.map((s) => (
              <SprintLine key={s.id} productKey={productKey} sprint={s} />
            ))}
          </ul>
        </section>
      )}
      {dialog}
    </div>
  );
}
