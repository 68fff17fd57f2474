import type { TForecastConfidence } from '@ordo/contract';

const LEVEL_WORDS: Record<TForecastConfidence['level'], string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};

/** How far to trust the dates, and why, in the forecast's own words; quiet when there is nothing to watch. */
export function ForecastConfidence({ confidence }: { confidence: TForecastConfidence }) {
  return (
    <div className="forecast-confidence" data-level={confidence.level} data-testid="forecast-confidence">
      <p className="confidence-level">
        <span className="confidence-dot" aria-hidden="true" />
        {LEVEL_WORDS[confidence.level]}
        {confidence.reasons.length === 0 && (
          <span className="confidence-why">: the pace has been steady and the window holds plenty of finished work.</span>
        )}
      </p>
      {confidence.reasons.length > 0 && (
        <ul className="confidence-reasons">
          {confidence.reasons.map((r) => (
            <li key={r.code} data-code={r.code}>
              {r.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
