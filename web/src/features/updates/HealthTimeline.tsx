import type { TStatusUpdate } from '@ordo/contract';
import './health.css';
import { HEALTH_LABELS, type Health } from '@ordo/domain/status-update';
import { formatDate } from '../../ui/time';

/** Health over time: one mark per published update, oldest on the left, each named for screen readers. */
export function HealthTimeline({ updates }: { updates: TStatusUpdate[] }) {
  const oldestFirst = [...updates].reverse();
  if (oldestFirst.length < 2) return null;
  return (
    <figure className="health-timeline" aria-label="Health over time">
      <ol>
        {oldestFirst.map((u) => (
          <li key={u.id} className={`health-${u.health}`} title={`${formatDate(u.publishedAt!)}: ${HEALTH_LABELS[u.health as Health]}`}>
            <span className="visually-hidden">
              {formatDate(u.publishedAt!)}: {HEALTH_LABELS[u.health as Health]}
            </span>
          </li>
        ))}
      </ol>
      <figcaption className="faint">Health over the last {oldestFirst.length} updates, oldest first</figcaption>
    </figure>
  );
}
