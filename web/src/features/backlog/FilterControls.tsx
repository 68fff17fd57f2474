import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TProductDetail } from '@ordo/contract';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { Menu } from '../../ui/Menu';
import { StateIcon } from '../../ui/StateBadge';
import { ITEM_TYPE_ORDER, TYPE_LABELS, TypeIcon } from '../../ui/TypeIcon';
import type { useBacklogFilters } from './filters';

type Filters = ReturnType<typeof useBacklogFilters>;

/** Summary on a filter's trigger: "Type", "Type: Bug", "Type: 2". */
function triggerLabel(name: string, chosen: string[] | undefined, describe: (v: string) => string) {
  if (!chosen?.length) return name;
  return chosen.length === 1 ? `${name}: ${describe(chosen[0]!)}` : `${name}: ${chosen.length}`;
}

/**
 * The text filter, written to the URL once typing pauses; back/forward or a cleared filter
 * changes the URL and the box follows it.
 */
export function SearchBox({
  filters: f,
  searchRef,
  placeholder,
  ariaLabel,
  debounceMs,
}: {
  filters: Filters;
  searchRef: RefObject<HTMLInputElement | null>;
  placeholder: string;
  ariaLabel: string;
  debounceMs: number;
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
    }, debounceMs);
    return () => clearTimeout(t);
  }, [q, filters.q, setFilter, debounceMs]);

  return (
    <input
      ref={searchRef}
      type="search"
      className="input search-input"
      placeholder={placeholder}
      aria-label={ariaLabel}
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

/**
 * The filters the backlog and the board share (the same URL parameters, so a filtered board and
 * a filtered backlog are one link apart): type, state where it means something, label, assignee,
 * epic, blocked, and Clear.
 */
export function FilterMenus({ product, filters: f, withState }: { product: TProductDetail; filters: Filters; withState: boolean }) {
  const { filters } = f;
  const stateName = (id: string) => product.states.find((s) => String(s.id) === id)?.name ?? id;
  const memberName = (id: string) => (id === 'none' ? 'Unassigned' : (product.members.find((m) => String(m.userId) === id)?.name ?? id));
  return (
    <>
      <Menu
        label={triggerLabel('Type', filters.type, (t) => TYPE_LABELS[t as keyof typeof TYPE_LABELS] ?? t)}
        active={!!filters.type}
        multiple
        items={ITEM_TYPE_ORDER.map((t) => ({
          id: t,
          label: TYPE_LABELS[t],
          icon: <TypeIcon type={t} />,
          checked: !!filters.type?.includes(t),
        }))}
        onSelect={(id) => f.toggle('type', id)}
      />
      {withState && (
        <Menu
          label={triggerLabel('State', filters.state, stateName)}
          active={!!filters.state}
          multiple
          items={product.states.map((s) => ({
            id: String(s.id),
            label: s.name,
            icon: <StateIcon category={s.category} />,
            checked: !!filters.state?.includes(String(s.id)),
          }))}
          onSelect={(id) => f.toggle('state', id)}
        />
      )}
      <Menu
        label={triggerLabel('Label', filters.label, (l) => l)}
        active={!!filters.label}
        multiple
        emptyText="No labels yet"
        items={product.labels.map((l) => ({ id: l, label: l, checked: !!filters.label?.includes(l) }))}
        onSelect={(id) => f.toggle('label', id)}
      />
      <Menu
        label={triggerLabel('Assignee', filters.assignee, memberName)}
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
          ...product.epics.map((e) => ({
            id: e.key,
            label: `${e.key} ${e.title}`,
            text: `${e.key} ${e.title}`,
            checked: filters.epic === e.key,
          })),
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
    </>
  );
}
