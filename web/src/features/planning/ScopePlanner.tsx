import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TScopeItem } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { usePlanCandidates, type PlanTarget } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { CandidateRow } from './CandidateRow';
import { isPlanDrag, type PlanSide } from './planDrag';
import { ScopeRow } from './ScopeRow';
import { usePlanning } from './usePlanning';
import './planning.css';

interface ScopePlannerProps {
  product: TProductDetail;
  target: PlanTarget;
  /** "Sprint 7", "2.0 — Wallets" */
  targetName: string;
  scope: TScopeItem[];
  /** what the backlog side holds, in words */
  backlogNote: string;
  /** shown in the empty scope: how to fill it */
  emptyScope: ReactNode;
}

/** Drop target highlighting for one side of the planner. */
function usePlanDrop(side: PlanSide, onDrop: (keys: string[]) => void) {
  const ref = useRef<HTMLElement>(null);
  const [over, setOver] = useState(false);
  const drop = useRef(onDrop);
  drop.current = onDrop;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return dropTargetForElements({
      element,
      canDrop: ({ source }) => isPlanDrag(source.data) && source.data.from !== side,
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: ({ source }) => {
        setOver(false);
        if (isPlanDrag(source.data)) drop.current(source.data.keys);
      },
    });
  }, [side]);
  return { ref, over };
}

/**
 * Planning: the backlog's open items on the left, the scope on the right. Drag items across (one,
 * or every selected one), or select several and add them at once; drag back or × to take out.
 */
export function ScopePlanner({ product, target, targetName, scope, backlogNote, emptyScope }: ScopePlannerProps) {
  const [q, setQ] = useState('');
  const candidates = usePlanCandidates(product.key, target, q);
  const { add, remove, leaving } = usePlanning(product.key, target);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const stateById = useMemo(() => new Map(product.states.map((s) => [s.id, s])), [product.states]);

  // An epic's children count in its release without a release of their own: already in scope, not offered.
  const inScope = useMemo(() => new Set(scope.map((i) => i.key)), [scope]);
  const rows = useMemo(
    () => (candidates.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => !leaving.has(i.key) && !inScope.has(i.key)),
    [candidates.data, leaving, inScope],
  );
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const shownScope = scope.filter((i) => !leaving.has(i.key));
  const points = shownScope.reduce((sum, i) => sum + (i.estimate ?? 0), 0);

  const addKeys = useCallback(
    (keys: string[]) => {
      if (keys.length === 0) return;
      add.mutate(keys);
      setSelected((s) => new Set([...s].filter((k) => !keys.includes(k))));
    },
    [add],
  );
  const addRef = useRef(addKeys);
  addRef.current = addKeys;
  const onAddOne = useCallback((key: string) => addRef.current([key]), []);

  const onToggle = useCallback((key: string, range: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      const list = rowsRef.current;
      const from = anchor.current ? list.findIndex((r) => r.key === anchor.current) : -1;
      const to = list.findIndex((r) => r.key === key);
      if (range && from >= 0 && to >= 0) {
        for (let i = Math.min(from, to); i <= Math.max(from, to); i++) next.add(list[i]!.key);
      } else if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
    anchor.current = key;
  }, []);

  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const dragKeysFor = useCallback(
    (key: string) => () => {
      const chosen = selectedRef.current;
      return chosen.has(key) ? rowsRef.current.filter((r) => chosen.has(r.key)).map((r) => r.key) : [key];
    },
    [],
  );

  const backlogDrop = usePlanDrop('backlog', (keys) => keys.forEach((k) => remove.mutate(k)));
  const scopeDrop = usePlanDrop('scope', (keys) => addRef.current(keys));
  const selectedKeys = rows.filter((r) => selected.has(r.key)).map((r) => r.key);

  return (
    <div className="planner">
      <section
        ref={backlogDrop.ref}
        className={`planner-pane ${backlogDrop.over ? 'is-over' : ''}`}
        aria-label="Backlog to plan from"
        data-testid="plan-backlog"
      >
        <header className="planner-header">
          <div>
            <h3>Backlog</h3>
            <p className="faint">{backlogNote}</p>
          </div>
          <input
            className="input search-input"
            type="search"
            placeholder="Search…"
            aria-label="Search the backlog"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </header>
        {candidates.isPending ? (
          <SkeletonRows count={6} height={34} />
        ) : candidates.isError && !candidates.data ? (
          <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : rows.length === 0 ? (
          <p className="planner-empty muted">
            {q ? 'No open items match this search.' : 'Every open item is planned already. Add items on the backlog page.'}
          </p>
        ) : (
          <ul className="candidate-list">
            {rows.map((item) => (
              <CandidateRow
                key={item.key}
                item={item}
                state={stateById.get(item.stateId)}
                selected={selected.has(item.key)}
                dragKeys={dragKeysFor(item.key)}
                onToggle={onToggle}
                onAdd={onAddOne}
              />
            ))}
            {candidates.hasNextPage && (
              <li className="candidate-more">
                <Button size="sm" variant="ghost" busy={candidates.isFetchingNextPage} onClick={() => void candidates.fetchNextPage()}>
                  Show more
                </Button>
              </li>
            )}
          </ul>
        )}
        <footer className="planner-footer">
          {selectedKeys.length > 0 ? (
            <>
              <span>{selectedKeys.length} selected</span>
              <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                Clear
              </Button>
              <Button size="sm" variant="primary" busy={add.isPending} onClick={() => addKeys(selectedKeys)}>
                Add {selectedKeys.length} to {target.kind}
              </Button>
            </>
          ) : (
            <span className="faint">Select items (Shift for a range) or drag them across.</span>
          )}
        </footer>
      </section>

      <section
        ref={scopeDrop.ref}
        className={`planner-pane planner-scope ${scopeDrop.over ? 'is-over' : ''}`}
        aria-label={`In ${targetName}`}
        data-testid="plan-scope"
      >
        <header className="planner-header">
          <div>
            <h3>In {targetName}</h3>
            <p className="faint">
              {shownScope.length} {shownScope.length === 1 ? 'item' : 'items'} · {points} pt
            </p>
          </div>
        </header>
        {shownScope.length === 0 ? (
          <div className="planner-drop-hint">{emptyScope}</div>
        ) : (
          <ul className="scope-list">
            {shownScope.map((item) => (
              <ScopeRow
                key={item.key}
                item={item}
                productKey={product.key}
                state={stateById.get(item.stateId)}
                onRemove={(k) => remove.mutate(k)}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
