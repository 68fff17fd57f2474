import { HEALTH_LABELS, type Health } from '@ordo/domain/status-update';
import './health.css';

/** On track / at risk / off track, in the health's colour (with the word, never colour alone). */
export function HealthBadge({ health, size = 'md' }: { health: Health; size?: 'sm' | 'md' }) {
  return (
    <span className={`health-badge health-${health} ${size === 'sm' ? 'is-small' : ''}`} data-health={health}>
      {HEALTH_LABELS[health]}
    </span>
  );
}
