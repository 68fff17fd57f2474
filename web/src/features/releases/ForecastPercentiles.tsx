import type { TReleaseForecast } from '@ordo/contract';
import { longDay } from '../../ui/time';
import { percentLabel } from './forecastWords';

/** The dates at 50, 70, 85 and 95 %, the 85 % one marked, and the chance of the target beside them. */
export function ForecastPercentiles({ forecast }: { forecast: Extract<TReleaseForecast, { status: 'ok' }> }) {
  return (
    <dl className="forecast-percentiles">
      {forecast.percentiles.map((p) => (
        <div key={p.percent} className={p.percent === 85 ? 'is-key' : undefined}>
          <dt>{p.percent} % likely by</dt>
          <dd>{p.date ? longDay(p.date) : 'beyond the horizon'}</dd>
        </div>
      ))}
      {forecast.targetDate && forecast.targetProbability !== null && (
        <div className="is-target">
          <dt>Target {longDay(forecast.targetDate)}</dt>
          <dd>{percentLabel(forecast.targetProbability)} chance</dd>
        </div>
      )}
    </dl>
  );
}
