import { useState } from 'react';
import { Link } from 'react-router';
import type { TRelease } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { useDeliveryLive, useForecast, useReleases } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton, SkeletonRows } from '../../ui/Skeleton';
import { longDay } from '../../ui/time';
import { forecastLine, healthLabel, healthOf } from './forecastWords';
import { ReleaseDialog } from './ReleaseDialog';
import './releases.css';

function ForecastStatus({ productKey, release }: { productKey: string; release: TRelease }) {
  const forecast = useForecast(productKey, release.id);
  if (release.releasedAt) {
    const onTime = !release.targetDate || release.releasedAt.slice(0, 10) <= release.targetDate;
    return (
      <span className="release-status">
        <span className="health-dot" data-health="done" aria-hidden="true" />
        Released {longDay(release.releasedAt)}
        {release.targetDate && <span className="faint">{onTime ? ' · on time' : ' · after the target'}</span>}
      </span>
    );
  }
  if (forecast.isPending) return <Skeleton width={280} />;
  if (forecast.isError) return <span className="faint">The forecast could not be made</span>;
  const health = healthOf(forecast.data);
  return (
    <span className="release-status" data-testid="release-forecast">
      <span className="health-dot" data-health={health} title={healthLabel(forecast.data)} aria-label={healthLabel(forecast.data)} />
      {forecastLine(forecast.data)}
    </span>
  );
}

/** Every release with its target and, in one line, what the forecast says about it. */
export function ReleasesView({ product }: { product: TProductDetail }) {
  const productKey = product.key;
  useDeliveryLive(productKey);
  const releases = useReleases(productKey);
  const canManage = can(product.role, 'release.manage');
  const [creating, setCreating] = useState(false);

  const header = (
    <header className="delivery-header">
      <div className="delivery-title">
        <h1>Releases</h1>
        <p className="muted">Each release with its target date, and how likely the team is to make it — from real throughput.</p>
      </div>
      {canManage && (
        <Button variant="primary" onClick={() => setCreating(true)}>
          New release
        </Button>
      )}
    </header>
  );
  const dialog = canManage && <ReleaseDialog open={creating} onClose={() => setCreating(false)} productKey={productKey} />;

  let body;
  if (releases.isPending) body = <SkeletonRows count={3} height={52} />;
  else if (releases.isError) body = <ErrorState error={releases.error} onRetry={() => void releases.refetch()} />;
  else if (releases.data.length === 0) {
    body = (
      <EmptyState
        title="No releases yet"
        action={
          canManage && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              Create the first release
            </Button>
          )
        }
      >
        {canManage
          ? 'A release is a promise: a name, a target date and the items in it. Ordo forecasts from real throughput how likely the date is.'
          : 'The product owner has not created a release yet. Releases appear here with an honest forecast.'}
      </EmptyState>
    );
  } else {
    body = (
      <ul className="release-lines">
        {releases.data.map((r) => (
          <li key={r.id}>
            <Link to={`/p/${productKey}/releases/${r.id}`} className="release-line" data-testid="release-line">
              <span className="release-line-name">{r.name}</span>
              <span className="release-line-target muted">{r.targetDate ? `Target ${longDay(r.targetDate)}` : 'No target'}</span>
              <ForecastStatus productKey={productKey} release={r} />
            </Link>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="delivery-page">
      {header}
      {body}
      {dialog}
    </div>
  );
}
