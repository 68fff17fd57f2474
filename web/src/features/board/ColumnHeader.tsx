import { memo } from 'react';
import { Link } from 'react-router';
import { StateIcon } from '../../ui/StateBadge';
import type { BoardColumn } from './boardModel';

/**
 * "In progress 6/5": the column's name with its count against its WIP limit, in the warning
 * colour when over it; a capped column says how many more wait in the backlog.
 */
export const ColumnHeader = memo(function ColumnHeader({
  column,
  productKey,
  shown,
  filtering,
}: {
  column: BoardColumn;
  productKey: string;
  shown: number;
  filtering: boolean;
}) {
  const hidden = column.count - column.cards.length;
  const limit = column.wipLimit;
  return (
    <div
      className={`column-head ${column.overLimit ? 'is-over-limit' : ''}`}
      data-state={column.stateId}
      title={column.overLimit ? `${column.name} is over its WIP limit of ${limit}` : undefined}
    >
      <div className="column-title">
        <StateIcon category={column.category} />
        <span className="column-name">{column.name}</span>
        <span className="column-count" aria-label={limit != null ? `${column.count} of a WIP limit of ${limit}` : `${column.count} items`}>
          {column.count.toLocaleString()}
          {limit != null && <span className="column-limit">/{limit}</span>}
        </span>
        {column.overLimit && (
          <span className="column-warning" aria-label="over the WIP limit">
            ⚠
          </span>
        )}
        {filtering && <span className="column-shown faint">{shown} shown</span>}
      </div>
      {column.hasMore && hidden > 0 && (
        <Link className="column-more" to={`/p/${productKey}/backlog?state=${column.stateId}`}>
          +{hidden.toLocaleString()} more in the backlog
        </Link>
      )}
    </div>
  );
});
