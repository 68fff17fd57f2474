import type { TReleaseForecast } from '@ordo/contract';
import { dayRange } from '../../ui/time';
import { percentLabel } from './forecastWords';

const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

/** " In that time 12 items joined the scope and 3 left it." */
function scopeChange(added: number, removed: number): string {
  if (added && removed) return ` In that time ${items(added)} joined the scope and ${removed} left it.`;
  if (added) return ` In that time ${items(added)} joined the scope.`;
  if (removed) return ` In that time ${items(removed)} left the scope.`;
  return '';
}

/** What the forecast learned from, and what it could not see. */
export function ForecastBasis({ forecast }: { forecast: TReleaseForecast }) {
  const d = forecast.data;
  const s = forecast.scope;
  const weeks = Math.round(d.windowDays / 7);
  if (d.sampleDays === 0) {
    return (
      <div className="forecast-basis">
        <p>
          No day of work to learn from yet; {s.remaining} of {s.items} {s.items === 1 ? 'item remains' : 'items remain'}.
        </p>
      </div>
    );
  }
  return (
    <div className="forecast-basis">
      <p>
        From {d.itemsDone} {d.itemsDone === 1 ? 'item' : 'items'} finished in the last {weeks} weeks ({dayRange(d.from, d.to)}),{' '}
        {s.remaining} of {s.items} items remain
        {s.remainingPoints > 0 &&
          ` (${s.remainingPoints} points${s.unestimatedRemaining ? `, ${s.unestimatedRemaining} unestimated` : ''})`}
        .{scopeChange(s.added, s.removed)}
      </p>
      {forecast.status === 'ok' && forecast.unfinishedShare > 0 && (
        <p className="forecast-warning">
          {percentLabel(forecast.unfinishedShare)} of the trials did not finish within {Math.round(forecast.horizonDays / 365)} years: at
          this pace some of the work may never be done.
        </p>
      )}
      {forecast.status === 'ok' && <p className="faint">{d.model.note}</p>}
      {d.note && <p className="faint">{d.note}</p>}
    </div>
  );
}
