import { Link } from 'react-router';
import type { TSprint } from '@ordo/contract';
import { useSprint } from '../../api/delivery';
import { Skeleton } from '../../ui/Skeleton';
import { dayRange, daysLeft } from '../../ui/time';
import { SprintStateBadge } from './SprintStateBadge';

/** The running sprint on the list: its goal, its days left and how far it has come. */
export function ActiveSprintCard({ productKey, sprint }: { productKey: string; sprint: TSprint }) {
  const detail = useSprint(productKey, sprint.id).data;
  const points = detail?.progress.points;
  const items = detail?.progress.items;
  const share = points && points.total > 0 ? points.done / points.total : items && items.total > 0 ? items.done / items.total : 0;
  return (
    <Link to={`/p/${productKey}/sprints/${sprint.id}`} className="active-sprint" data-testid="active-sprint">
      <div className="active-sprint-top">
        <span className="row">
          <strong>{sprint.name}</strong>
          <SprintStateBadge state="active" />
        </span>
        <span className="muted">
          {dayRange(sprint.startDate, sprint.endDate)}
          {sprint.endDate && ` · ${daysLeft(sprint.endDate)}`}
        </span>
      </div>
      <p className="active-sprint-goal">{sprint.goal || <span className="faint">No goal set</span>}</p>
      <div className="active-sprint-progress">
        <div className="progress-track">
          <div className="progress-fill" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
        <span className="muted">
          {detail ? (
            <>
              {points && points.total > 0 && `${points.done} of ${points.total} points · `}
              {items?.done} of {items?.total} items done
            </>
          ) : (
            <Skeleton width={140} />
          )}
        </span>
      </div>
    </Link>
  );
}
