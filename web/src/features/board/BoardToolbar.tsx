import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TProductDetail } from '../../../../src/contract/products';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { Menu } from '../../ui/Menu';
import { ITEM_TYPE_ORDER, TYPE_LABELS, TypeIcon } from '../../ui/TypeIcon';
import type { useBacklogFilters } from '../backlog/filters';
import type { LaneMode } from './lanes';

const SEARCH_DEBOUNCE_MS = 150;
const LANE_LABELS: Record<LaneMode, string> = { none: 'None', epic: 'Epic', assignee: 'Assignee' };

const summary = (name: string, chosen: string[] | undefined, describe: (v: string) => string) =>
  !chosen?.length ? name : chosen.length === 1 ? `${name}: ${describe(chosen[0]!)}` : `${name}: ${chosen.length}`;

/**
 * Swimlanes, and the backlog's filters (the same URL parameters, so a filtered board and a
 * filtered backlog are one link apart). The board filters what it holds, without a request.
 */
export function BoardToolbar({ product, filters: f, lanes, onLanes, searchRef, shown, total }: {
  product: TProductDetail;
  filters: ReturnType<typeof useBacklogFilters>;
  lanes: LaneMode;
  onLanes: (mode: LaneMode) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  shown: number;
  total: number;
}) {
  const { filters } = f;
  const setFilter = f.set;
  const [q, setQ] = useState(filters.q ?? '');
  const typed = useRef(false);

  useEffect(() => {
    if (!typed.current) setQ(filters.q ?? '');
    typed.current = false;
  }, [filters.q]);

  useEffect(() => {
    if ((filters.q ?? '') === q.trim()) return;
    const t = setTimeout(() => {
      typed.current = true;
      setFilter('q', q.trim() || null, true);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q, filters.q, setFilter]);

  const memberName = (id: string) => (id === 'none' ? 'Unassigned' : (product.members.find((m) => String(m.userId) === id)?.name ?? id));
  return (
    <div className="board-toolbar">
      <div className="board-filters" role="group" aria-label="Filters">
        <Menu
          label={`Swimlanes: ${LANE_LABELS[lanes]}`}
          ariaLabel={`Swimlanes: ${LANE_LABELS[lanes]}`}
          active={lanes !== 'none'}
          items={(Object.keys(LANE_LABELS) as LaneMode[]).map((m) => ({ id: m, label: m === 'none' ? 'No swimlanes' : `By ${LANE_LABELS[m].toLowerCase()}`, checked: lanes === m }))}
          onSelect={(id) => onLanes(id as LaneMode)}
        />
        <span className="board-divider" aria-hidden="true" />
        <input
          ref={searchRef}
          type="search"
          className="input search-input"
          placeholder="Filter cards…  /"
          aria-label="Filter cards by key or title"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
        />
        <Menu
          label={summary('Type', filters.type, (t) => TYPE_LABELS[t as keyof typeof TYPE_LABELS] ?? t)}
          active={!!filters.type}
          multiple
          items={ITEM_TYPE_ORDER.map((t) => ({ id: t, label: TYPE_LABELS[t], icon: <TypeIcon type={t} />, checked: !!filters.type?.includes(t) }))}
          onSelect={(id) => f.toggle('type', id)}
        />
        <Menu
          label={summary('Label', filters.label, (l) => l)}
          active={!!filters.label}
          multiple
          emptyText="No labels yet"
          items={product.labels.map((l) => ({ id: l, label: l, checked: !!filters.label?.includes(l) }))}
          onSelect={(id) => f.toggle('label', id)}
        />
        <Menu
          label={summary('Assignee', filters.assignee, memberName)}
          active={!!filters.assignee}
          multiple
          items={[
            { id: 'none', label: 'Unassigned', checked: !!filters.assignee?.includes('none') },
            ...product.members.map((m) => ({ id: String(m.userId), label: m.name, checked: !!filters.assignee?.includes(String(m.userId)) })),
          ]}
          onSelect={(id) => f.toggle('assignee', id)}
        />
        <Menu
          label={filters.epic ? `Epic: ${filters.epic}` : 'Epic'}
          active={!!filters.epic}
          emptyText="No epics yet"
          items={[
            ...(filters.epic ? [{ id: '', label: 'Any epic' }] : []),
            ...product.epics.map((e) => ({ id: e.key, label: `${e.key} ${e.title}`, text: `${e.key} ${e.title}`, checked: filters.epic === e.key })),
          ]}
          onSelect={(id) => f.set('epic', id || null)}
        />
        <button
          type="button"
          className={`menu-trigger ${filters.blocked ? 'is-active' : ''}`}
          aria-pressed={!!filters.blocked}
          onClick={() => f.set('blocked', filters.blocked ? null : 'true')}
        >
          <BlockedIcon /> Blocked
        </button>
        {f.active && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={f.clear}>
            Clear
          </button>
        )}
      </div>
      <span className="faint board-count">
        {shown === total ? `${total.toLocaleString()} ${total === 1 ? 'card' : 'cards'}` : `${shown.toLocaleString()} of ${total.toLocaleString()} cards`}
      </span>
    </div>
  );
}
