import type { RefObject } from 'react';
import type { TProductDetail } from '@ordo/contract';
import { Menu } from '../../ui/Menu';
import type { useBacklogFilters } from './filters';
import { FilterMenus, SearchBox } from './FilterControls';

const SEARCH_DEBOUNCE_MS = 250;

export function BacklogToolbar({
  product,
  filters: f,
  searchRef,
  total,
}: {
  product: TProductDetail;
  filters: ReturnType<typeof useBacklogFilters>;
  searchRef: RefObject<HTMLInputElement | null>;
  total: number | null;
}) {
  const { filters } = f;

  return (
    <div className="backlog-toolbar">
      <div className="backlog-filters" role="group" aria-label="Filters">
        <SearchBox filters={f} searchRef={searchRef} placeholder="Search…  /" ariaLabel="Search items" debounceMs={SEARCH_DEBOUNCE_MS} />
        <FilterMenus product={product} filters={f} withState />
      </div>
      <div className="backlog-order">
        {total !== null && (
          <span className="faint backlog-count" data-testid="backlog-count">
            {total.toLocaleString()} {f.showDone || filters.state ? '' : 'open '}
            {total === 1 ? 'item' : 'items'}
          </span>
        )}
        {!filters.state && (
          <button
            type="button"
            className={`menu-trigger backlog-done-toggle ${f.showDone ? 'is-active' : ''}`}
            aria-pressed={f.showDone}
            title={
              f.showDone ? 'Done items are listed in their place' : 'Done items are hidden, so the top of the backlog is the next work'
            }
            onClick={() => f.setShowDone(!f.showDone)}
          >
            Show done
          </button>
        )}
        {filters.sort === 'wsjf' && <span className="wsjf-note">Showing WSJF advice — your order is kept</span>}
        {filters.sort === 'votes' && <span className="wsjf-note">Showing the most requested first — your order is kept</span>}
        <Menu
          label={`Order: ${filters.sort === 'wsjf' ? 'WSJF' : filters.sort === 'votes' ? 'Votes' : 'Manual'}`}
          align="end"
          items={[
            { id: 'rank', label: 'Manual (your order)', checked: !filters.sort || filters.sort === 'rank' },
            { id: 'wsjf', label: 'WSJF (advice)', checked: filters.sort === 'wsjf' },
            { id: 'votes', label: 'Votes from requests', checked: filters.sort === 'votes' },
          ]}
          onSelect={(id) => f.set('sort', id === 'rank' ? null : id)}
        />
      </div>
    </div>
  );
}
