import { Link } from 'react-router';
import type { TReleaseForecast } from '@ordo/contract';
import { BlockedIcon } from '../../ui/BlockedIcon';

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Two things that bend the forecast: blocked work in the scope, and the same question asked in points. */
export function ForecastDetails({ forecast, productKey }: { forecast: TReleaseForecast; productKey: string }) {
  const blocked = forecast.blocked;
  const points = forecast.points;
  return (
    <div className="forecast-details">
      <section className="detail-card" aria-label="Blocked work">
        <h3>
          Blocked work <span className="faint">{blocked.count}</span>
        </h3>
        {blocked.count === 0 ? (
          <p className="muted">Nothing in this release is blocked.</p>
        ) : (
          <ul className="blocked-list">
            {blocked.items.map((b) => (
              <li key={b.key}>
                <BlockedIcon />
                <Link to={`/p/${productKey}/items/${b.key}`} className="scope-key">
                  {b.key}
                </Link>
                <span className="blocked-title" title={b.title}>
                  {b.title}
                </span>
                <span className="blocked-days">{b.days} d</span>
                {b.reason && <span className="blocked-reason">{b.reason}</span>}
              </li>
            ))}
            {blocked.count > blocked.items.length && <li className="faint">and {blocked.count - blocked.items.length} more</li>}
          </ul>
        )}
        {blocked.count > 0 && <p className="faint">Blocked items count as remaining work: the forecast assumes they get unblocked.</p>}
      </section>
      <section className="detail-card" aria-label="Forecast by velocity">
        <h3>By velocity, in points</h3>
        {points.velocities.length === 0 ? (
          <p className="muted">No sprint has closed yet, so there is no velocity to forecast points from.</p>
        ) : (
          <>
            <p>{points.forecast.message}</p>
            <p className="faint">
              From {points.velocities.length} closed {points.velocities.length === 1 ? 'sprint' : 'sprints'} averaging{' '}
              {Math.round(mean(points.velocities))} points per {points.sprintLengthDays}-day sprint; {points.remainingPoints} points remain.
            </p>
          </>
        )}
      </section>
    </div>
  );
}
