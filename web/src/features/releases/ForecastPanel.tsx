import type { TRelease, TReleaseForecast } from '@ordo/contract';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';
import { longDay } from '../../ui/time';
import { Segmented } from '../charts';
import { ForecastBasis } from './ForecastBasis';
import { ForecastConfidence } from './ForecastConfidence';
import { ForecastPercentiles } from './ForecastPercentiles';
import { healthLabel, healthOf } from './forecastWords';

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
    <section
      className={`forecast-panel health-${health} ${refreshing ? 'is-refreshing' : ''}`}
      aria-label="Forecast"
      data-testid="forecast"
    >
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
          {release.targetDate &&
            (release.releasedAt.slice(0, 10) <= release.targetDate
              ? ', on time.'
              : `, after the target of ${longDay(release.targetDate)}.`)}
        </p>
      )}
      {!release.releasedAt &&
        (forecast ? (
          <>
            <p className="forecast-sentence" data-testid="forecast-sentence">
              {forecast.message}
            </p>
            {forecast.status === 'ok' && <ForecastPercentiles forecast={forecast} />}
            {forecast.status === 'ok' && <ForecastConfidence confidence={forecast.confidence} />}
            {forecast.status === 'no_history' && (
              <p className="muted">
                The forecast comes from real throughput: how many items the team finished each day. Move finished work to Done on the board,
                or learn from a longer window, and it appears here.
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
      {forecast && !release.releasedAt && <ForecastBasis forecast={forecast} />}
    </section>
  );
}
