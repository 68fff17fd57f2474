import type { RefObject } from 'react';
import type { TProductDetail } from '@ordo/contract';
import { Menu } from '../../ui/Menu';
import { FilterMenus, SearchBox, type useBacklogFilters } from '../backlog';
import type { LaneMode } from './lanes';

const SEARCH_DEBOUNCE_MS = 150;
const LANE_LABELS: Record<LaneMode, string> = { none: 'None', epic: 'Epic', assignee: 'Assignee' };

/**
 * Swimlanes, and the backlog's filters (the same URL parameters, so a filtered board and a
 * filtered backlog are one link apart). The board filters what it holds, without a request.
 */
export function BoardToolbar({
  product,
  filters: f,
  lanes,
  onLanes,
  searchRef,
  shown,
  total,
}: {
  product: TProductDetail;
  filters: ReturnType<typeof useBacklogFilters>;
  lanes: LaneMode;
  onLanes: (mode: LaneMode) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  shown: number;
  total: number;
}) {
  return (
    <div className="board-toolbar">
      <div className="board-filters" role="group" aria-label="Filters">
        <Menu
          label={`Swimlanes: ${LANE_LABELS[lanes]}`}
          ariaLabel={`Swimlanes: ${LANE_LABELS[lanes]}`}
          active={lanes !== 'none'}
          items={(Object.keys(LANE_LABELS) as LaneMode[]).map((m) => ({
            id: m,
            label: m === 'none' ? 'No swimlanes' : `By ${LANE_LABELS[m].toLowerCase()}`,
            checked: lanes === m,
          }))}
          onSelect={(id) => onLanes(id as LaneMode)}
        />
        <span className="board-divider" aria-hidden="true" />
        <SearchBox
          filters={f}
          searchRef={searchRef}
          placeholder="Filter cards…  /"
          ariaLabel="Filter cards by key or title"
          debounceMs={SEARCH_DEBOUNCE_MS}
        />
        <FilterMenus product={product} filters={f} withState={false} />
      </div>
      <span className="faint board-count">
        {shown === total
          ? `${total.toLocaleString()} ${total === 1 ? 'card' : 'cards'}`
          : `${shown.toLocaleString()} of ${total.toLocaleString()} cards`}
      </span>
    </div>
  );
}
