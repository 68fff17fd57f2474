import type { TRelease, TReleaseForecast } from '../../../../src/contract/delivery';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';
import { dayRange, longDay } from '../charts/days';
import { Segmented } from '../charts/Segmented';
import { healthLabel, healthOf, percentLabel } from './forecastWords';

export const WINDOW_WEEKS = [4, 8, 12, 26] as const;
export type WindowWeeks = (typeof WINDOW_WEEKS)[number];

interface ForecastPanelProps {
  release: TRelease;
  forecast: TReleaseForecast | undefined;
  error: unknown;
  onRetry: () => void;
  /** a new window is being computed: the old answer stays, dimmed */
  refreshing: boolean;
  windowWeeks: WindowWeeks;
  onWindow: (weeks: WindowWeeks) => void;
}

function Percentiles({ forecast }: { forecast: Extract<TReleaseForecast, { status: 'ok' }> }) {
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

const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

/** " In that time 12 items joined the scope and 3 left it." */
function scopeChange(added: number, removed: number): string {
  if (added && removed) return ` In that time ${items(added)} joined the scope and ${removed} left it.`;
  if (added) return ` In that time ${items(added)} joined the scope.`;
  if (removed) return ` In that time ${items(removed)} left the scope.`;
  return '';
}

/** What the forecast learned from, and what it could not see. */
function Basis({ forecast }: { forecast: TReleaseForecast }) {
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
        From {d.itemsDone} {d.itemsDone === 1 ? 'item' : 'items'} finished in the last {weeks} weeks ({dayRange(d.from, d.to)}), {s.remaining} of {s.items} items remain
        {s.remainingPoints > 0 && ` (${s.remainingPoints} points${s.unestimatedRemaining ? `, ${s.unestimatedRemaining} unestimated` : ''})`}.
        {scopeChange(s.added, s.removed)}
      </p>
      {forecast.status === 'ok' && forecast.unfinishedShare > 0 && (
        <p className="forecast-warning">
          {percentLabel(forecast.unfinishedShare)} of the trials did not finish within {Math.round(forecast.horizonDays / 365)} years: at this pace some of the work may never
          be done.
        </p>
      )}
      {d.note && <p className="faint">{d.note}</p>}
    </div>
  );
}

/** The plain sentence first and large, coloured by the chance of making the target, and the window it learned from. */
export function ForecastPanel({ release, forecast, error, onRetry, refreshing, windowWeeks, onWindow }: ForecastPanelProps) {
  const health = forecast ? healthOf(forecast) : 'neutral';
  const windowControl = (
    <Segmented
      label="Throughput window"
      value={windowWeeks}
      onChange={onWindow}
      options={WINDOW_WEEKS.map((w) => ({ value: w, label: `${w} wk` }))}
    />
  );
  return (
    <section className={`forecast-panel health-${health} ${refreshing ? 'is-refreshing' : ''}`} aria-label="Forecast" data-testid="forecast">
      <header className="forecast-top">
        <span className="health-badge" data-health={health}>
          {release.releasedAt ? 'Released' : forecast ? healthLabel(forecast) : 'Forecast'}
        </span>
        {!release.releasedAt && (
          <div className="forecast-window">
            <span className="faint">Learn from the last</span>
            {windowControl}
          </div>
        )}
      </header>
      {release.releasedAt && (
        <p className="forecast-sentence" data-testid="forecast-sentence">
          Released {longDay(release.releasedAt)}
          {release.targetDate && (release.releasedAt.slice(0, 10) <= release.targetDate ? ', on time.' : `, after the target of ${longDay(release.targetDate)}.`)}
        </p>
      )}
      {!release.releasedAt &&
        (forecast ? (
          <>
            <p className="forecast-sentence" data-testid="forecast-sentence">
              {forecast.message}
            </p>
            {forecast.status === 'ok' && <Percentiles forecast={forecast} />}
            {forecast.status === 'no_history' && (
              <p className="muted">
                The forecast comes from real throughput: how many items the team finished each day. Move finished work to Done on the board, or learn from a longer
                window, and it appears here.
              </p>
            )}
          </>
        ) : error ? (
          <ErrorState error={error} onRetry={onRetry} title="The forecast could not be made" />
        ) : (
          <div className="stack" aria-busy="true" aria-label="Forecasting">
            <Skeleton height={26} width="80%" />
            <Skeleton height={26} width="45%" />
          </div>
        ))}
      {forecast && !release.releasedAt && <Basis forecast={forecast} />}
    </section>
  );
}
