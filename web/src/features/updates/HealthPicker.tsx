import { HEALTHS, HEALTH_LABELS, type Health } from '@ordo/domain/status-update';
import './health.css';

/** The three healths as a radio group; the one Ordo suggests is marked, with its reason under the group. */
export function HealthPicker({
  value,
  onChange,
  suggestion,
  error,
}: {
  value: Health | null;
  onChange: (health: Health) => void;
  suggestion: { health: Health; reason: string };
  error?: string;
}) {
  return (
    <fieldset className="health-picker">
      <legend>Health</legend>
      <div className="health-options" role="radiogroup" aria-label="Health">
        {HEALTHS.map((h) => (
          <label key={h} className={`health-option health-${h} ${value === h ? 'is-on' : ''}`}>
            <input type="radio" name="health" value={h} checked={value === h} onChange={() => onChange(h)} />
            <span className="health-dot" aria-hidden="true" />
            <span>{HEALTH_LABELS[h]}</span>
            {suggestion.health === h && <span className="health-suggested">Suggested</span>}
          </label>
        ))}
      </div>
      <p className="health-reason" data-testid="health-reason">
        <strong>Ordo suggests {HEALTH_LABELS[suggestion.health].toLowerCase()}:</strong> {suggestion.reason}
      </p>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
