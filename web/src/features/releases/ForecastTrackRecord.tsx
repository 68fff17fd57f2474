import { useState } from 'react';
import type { TForecastBacktest } from '@ordo/contract';
import { useForecastBacktest } from '../../api/delivery';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';

type Horizon = TForecastBacktest['horizons'][number];

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/** "Next 25 items", or the release's name. */
const questionOf = (h: Horizon, releaseId: number) =>
  h.kind === 'items' ? `${h.scope[0].toUpperCase()}${h.scope.slice(1)}` : h.releaseId === releaseId ? `${h.scope} (this release)` : h.scope;

/**
 * "How good have our forecasts been?": the product's last year replayed, for this release and the
 * next 10, 25 and 50 items, in plain sentences with every percent's hit rate beside them. Fetched
 * only when opened: a replay of hundreds of forecasts is not free.
 */
export function ForecastTrackRecord({ productKey, releaseId, windowDays }: { productKey: string; releaseId: number; windowDays: number }) {
  const [open, setOpen] = useState(false);
  const backtest = useForecastBacktest(productKey, windowDays, open);
  const data = backtest.data;
  // This release first: it is what the page is about.
  const horizons = data
    ? [...data.horizons.filter((h) => h.releaseId === releaseId), ...data.horizons.filter((h) => h.releaseId !== releaseId)]
    : [];
  return (
    <section className="track-record" aria-label="How good have our forecasts been?" data-testid="track-record">
      <button type="button" className="track-record-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="track-record-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        How good have our forecasts been?
      </button>
      {open && (
        <div className={`track-record-body ${backtest.isPlaceholderData ? 'is-refreshing' : ''}`}>
          {data ? (
            <>
              <p className="muted">
                Every weekday of the last year replayed: what this page would have said that morning, against the day the work was really
                done. A forecast you can trust holds its 85 % date about 85 % of the time.
              </p>
              {horizons.length === 0 ? (
                <p className="muted">Nothing was finished in the last year, so there are no forecasts to judge yet.</p>
              ) : (
                <table className="track-table">
                  <thead>
                    <tr>
                      <th scope="col">Forecast of</th>
                      {horizons[0].hits.map((hit) => (
                        <th scope="col" key={hit.percent} className="num">
                          {hit.percent} % date held
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {horizons.map((h) => (
                      <tr key={h.scope} className={h.releaseId === releaseId ? 'is-this-release' : undefined} data-scope={h.scope}>
                        <th scope="row">
                          <span className="track-question">{questionOf(h, releaseId)}</span>
                          <span className="track-summary">{h.summary}</span>
                        </th>
                        {h.hits.map((hit) => (
                          <td
                            key={hit.percent}
                            className="num"
                            data-label={`${hit.percent} % date`}
                            title={hit.judged ? `${hit.held} of ${hit.judged} judged` : 'none judged yet'}
                          >
                            <span className="track-rate">{percent(hit.rate)}</span>
                            {hit.low !== null && hit.high !== null && hit.high - hit.low >= 0.005 && (
                              <span className="track-interval">
                                {Math.round(hit.low * 100)}–{Math.round(hit.high * 100)}
                              </span>
                            )}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="faint">
                The ranges are where each rate likely lies (90 %): forecasts made on nearby days share most of their future, so they are
                re-drawn in runs of whole weeks. {data.note}
              </p>
            </>
          ) : backtest.isError ? (
            <ErrorState error={backtest.error} onRetry={() => void backtest.refetch()} title="The forecasts could not be replayed" />
          ) : (
            <div className="stack" aria-busy="true" aria-label="Replaying the last year of forecasts">
              <Skeleton height={14} width="70%" />
              <Skeleton height={14} width="90%" />
              <Skeleton height={14} width="60%" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
