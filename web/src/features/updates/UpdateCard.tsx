import type { TStatusUpdate } from '@ordo/contract';
import type { Health } from '@ordo/domain/status-update';
import { Markdown } from '../../ui/Markdown';
import { formatDate } from '../../ui/time';
import { HealthBadge } from './HealthBadge';

/** One published update: its health, who published it and when, any correction, and the text. */
export function UpdateCard({ update, highlighted }: { update: TStatusUpdate; highlighted?: boolean }) {
  return (
    <article
      className={`update-card ${highlighted ? 'is-highlighted' : ''}`}
      id={`update-${update.id}`}
      aria-label={`Status update of ${formatDate(update.publishedAt!)}`}
    >
      <header className="update-head">
        <HealthBadge health={update.health as Health} />
        <span>
          <strong>{update.publishedBy?.name ?? 'Someone'}</strong> published on {formatDate(update.publishedAt!)}
        </span>
      </header>
      {update.correction && (
        <p className="update-correction" role="note">
          Corrected on {formatDate(update.correction.at)}
          {update.correction.by ? ` by ${update.correction.by.name}` : ''}: {update.correction.note}
        </p>
      )}
      <Markdown source={update.body} className="update-body" />
    </article>
  );
}
