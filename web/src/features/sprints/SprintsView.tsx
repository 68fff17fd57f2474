import { useState } from 'react';
import { Link } from 'react-router';
import type { TSprint } from '../../../../src/contract/delivery';
import type { TProductDetail } from '../../../../src/contract/products';
import { can } from '../../../../src/domain/permissions';
import { useDeliveryLive, useSprint, useSprints, useVelocity } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton, SkeletonRows } from '../../ui/Skeleton';
import { ChartCard, ChartMessage, ChartSkeleton } from '../charts/ChartCard';
import { dayRange, daysLeft } from '../charts/days';
import { SprintDialog } from './SprintDialog';
import { SprintStateBadge } from './SprintStateBadge';
import { VelocityChart } from './VelocityChart';
import './sprints.css';

function ActiveSprintCard({ productKey, sprint }: { productKey: string; sprint: TSprint }) {
  const detail = useSprint(productKey, sprint.id).data;
  const points = detail?.progress.points;
  const items = detail?.progress.items;
  const share = points && points.total > 0 ? points.done / points.total : items && items.total > 0 ? items.done / items.total : 0;
  return (
    <Link to={`/p/${productKey}/sprints/${sprint.id}`} className="active-sprint" data-testid="active-sprint">
      <div className="active-sprint-top">
        <span className="row">
          <strong>{sprint.name}</strong>
          <SprintStateBadge state="active" />
        </span>
        <span className="muted">
          {dayRange(sprint.startDate, sprint.endDate)}
          {sprint.endDate && ` · ${daysLeft(sprint.endDate)}`}
        </span>
      </div>
      <p className="active-sprint-goal">{sprint.goal || <span className="faint">No goal set</span>}</p>
      <div className="active-sprint-progress">
        <div className="progress-track">
          <div className="progress-fill" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
        <span className="muted">
          {detail ? (
            <>
              {points && points.total > 0 && `${points.done} of ${points.total} points · `}
              {items?.done} of {items?.total} items done
            </>
          ) : (
            <Skeleton width={140} />
          )}
        </span>
      </div>
    </Link>
  );
}

function SprintLine({ productKey, sprint }: { productKey: string; sprint: TSprint }) {
  return (
    <li>
      <Link to={`/p/${productKey}/sprints/${sprint.id}`} className="sprint-line" data-testid="sprint-line">
        <span className="sprint-line-name">{sprint.name}</span>
        <span className="sprint-line-dates muted">{dayRange(sprint.startDate, sprint.endDate)}</span>
        <span className="sprint-line-goal muted">{sprint.goal}</span>
        {sprint.state === 'closed' ? (
          <span className="sprint-line-result">
            <strong>{sprint.completedPoints ?? 0}</strong> pt · {sprint.completedItems ?? 0} items
          </span>
        ) : (
          <SprintStateBadge state={sprint.state} />
        )}
      </Link>
    </li>
  );
}

function Velocity({ productKey }: { productKey: string }) {
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
  const dialog = canManage && <SprintDialog open={creating} onClose={() => setCreating(false)} productKey={productKey} sprints={sprints.data} />;

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
          <p className="muted delivery-empty">No sprint is running. {planned.length > 0 && canManage ? 'Open a planned sprint to start it.' : ''}</p>
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
      <Velocity productKey={productKey} />
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
