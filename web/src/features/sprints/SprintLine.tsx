import { Link } from 'react-router';
import type { TSprint } from '@ordo/contract';
import { dayRange } from '../../ui/time';
import { SprintStateBadge } from './SprintStateBadge';

/** A planned or closed sprint in the list: name, dates, goal, and what it finished once closed. */
export function SprintLine({ productKey, sprint }: { productKey: string; sprint: TSprint }) {
  return (
    <li>
      <Link to={`/p/${productKey}/sprints/${sprint.id}`} className="sprint-line" data-testid="sprint-line">
        <span className="sprint-line-name">{sprint.name}</span>
        <span className="sprint-line-dates muted">{dayRange(sprint.startDate, sprint.endDate)}</span>
        <span className="sprint-line-goal muted">{sprint.goal}</span>
        {sprint.state === 'closed' ? (
          <span className="sprint-line-result">
            <strong>{sprint.completedPoints ?? 0}</strong> pt · {sprint.completedItems ?? 0} items
          </span>
        ) : (
          <SprintStateBadge state={sprint.state} />
        )}
      </Link>
    </li>
  );
}
