import { memo } from 'react';
import { Link } from 'react-router';
import { StateIcon } from '../../ui/StateBadge';
import type { BoardColumn } from './boardModel';

/**
 * "In progress 6/5": the column's name with its count against its WIP limit, in the warning
 * colour when over it. A column too long to send whole says which cards it shows: "Done · last
 * 200 of 1,204", "Backlog · first 200 of 41,000", with the way to all of them in the backlog.
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
  const limit = column.wipLimit;
  const partial = column.hasMore && column.capped !== null && column.cards.length < column.count;
  const which = column.capped === 'latest' ? 'last' : 'first';
  const count = partial
    ? `${which} ${column.cards.length.toLocaleString()} of ${column.count.toLocaleString()}`
    : column.count.toLocaleString();
  const spoken = partial
    ? column.capped === 'latest'
      ? `showing the ${column.cards.length} finished last of ${column.count} items`
      : `showing the first ${column.cards.length} of ${column.count} items`
    : limit != null
      ? `${column.count} of a WIP limit of ${limit}`
      : `${column.count} items`;
  return (
    <div
      className={`column-head ${column.overLimit ? 'is-over-limit' : ''}`}
      data-state={column.stateId}
      title={
        column.overLimit
          ? `${column.name} is over its WIP limit of ${limit}`
          : partial
            ? column.capped === 'latest'
              ? `The ${column.cards.length} items finished most recently, in backlog order`
              : `The top ${column.cards.length} items of the backlog order`
            : undefined
      }
    >
      <div className="column-title">
        <StateIcon category={column.category} />
        <span className="column-name">{column.name}</span>
        {partial && (
          <span className="column-sep" aria-hidden="true">
            ·
          </span>
        )}
        <span className={`column-count ${partial ? 'is-partial' : ''}`} aria-label={spoken} data-testid="column-count">
          {count}
          {limit != null && !partial && <span className="column-limit">/{limit}</span>}
        </span>
        {column.overLimit && (
          <span className="column-warning" aria-label="over the WIP limit">
            ⚠
          </span>
        )}
        {filtering && <span className="column-shown faint">{shown} shown</span>}
      </div>
      {partial && (
        <Link
          className="column-more"
          to={`/p/${productKey}/backlog?state=${column.stateId}`}
          aria-label={`All ${column.count.toLocaleString()} in the backlog: the ${column.name} items`}
        >
          All {column.count.toLocaleString()} in the backlog →
        </Link>
      )}
    </div>
  );
});
