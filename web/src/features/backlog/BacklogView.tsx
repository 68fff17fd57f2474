import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { dialogOpen, isTyping } from '../../ui/keyboard';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { useMovesInFlight } from '../moves';
import { PeekLayout, PeekPanel, usePeek } from '../peek';
import { BacklogList, type BacklogListHandle } from './BacklogList';
import type { Edge } from './BacklogRow';
import { BacklogToolbar } from './BacklogToolbar';
import { rowsOf, type BacklogData } from './cache';
import { useBacklogFilters } from './filters';
import { QuickAdd } from './QuickAdd';
import { backlogCountQuery, useBacklogItems } from './useBacklogItems';
import { useBacklogLive } from './useBacklogLive';
import { useBacklogMutations, type MoveInput } from './useBacklogMutations';
import { useBacklogSelection } from './useBacklogSelection';
import './backlog.css';

// Loaded with the first selection, not with the backlog's first page.
const BulkBar = lazy(() => import('./BulkBar').then((m) => ({ default: m.BulkBar })));

/**
 * The product owner's home: the backlog in their order (done items hidden unless asked for), quick
 * to add to, reorder and filter, with the peek panel beside it for the item under the cursor.
 */
export function BacklogView({ product }: { product: TProductDetail }) {
  const productKey = product.key;
  const navigate = useNavigate();
  const toast = useToast();
  const filterState = useBacklogFilters();
  const { filters, listFilters } = filterState;
  const { query, rows, total, count, ensureLoaded } = useBacklogItems(productKey, listFilters);
  const peek = usePeek();
  // Events about an item with a change of ours on its way are dropped: the server's answer says where it is.
  const inFlight = useMovesInFlight();
  useBacklogLive(productKey, inFlight);
  const selection = useBacklogSelection(rows);
  const { cursor, cursorRef, setCursor, selected } = selection;
  const list = useRef<BacklogListHandle>(null);
  const quickAdd = useRef<HTMLInputElement>(null);
  const search = useRef<HTMLInputElement>(null);

  // A view in another order than the owner's (WSJF advice, votes) cannot be reordered by hand.
  const wsjfView = listFilters.sort === 'wsjf' || listFilters.sort === 'votes';
  const canCreate = can(product.role, 'item.create');
  const canRank = can(product.role, 'item.rank') && !wsjfView;
  const canUpdate = can(product.role, 'item.update');
  const listKey = useMemo(() => keys.itemList(productKey, listFilters), [productKey, listFilters]);
  const queryClient = useQueryClient();
  /**
   * The rows as the cache has them this instant, optimistic moves included: keys pressed faster
   * than React renders each act on the order the previous one left.
   */
  const currentRows = useCallback(() => rowsOf(queryClient.getQueryData<BacklogData>(listKey)), [queryClient, listKey]);

  const { move, create, bulk } = useBacklogMutations({
    productKey,
    listKey,
    product,
    inFlight,
    anchor: () => (cursorRef.current && currentRows().some((r) => r.key === cursorRef.current) ? cursorRef.current : null),
    onCreated: (item) => {
      setCursor(item.key);
      requestAnimationFrame(() => list.current?.scrollToKey(item.key));
    },
  });

  /** Items from titles, in order: the first where new items land, each next after the one before. */
  const createAll = async (titles: string[]) => {
    let after: string | null | undefined = undefined;
    for (const title of titles) {
      try {
        after = (await create.mutateAsync({ title, after })).key;
      } catch {
        return; // The refusal is told; what is left is not created out of order.
      }
    }
    if (titles.length > 1) toast(`Created ${titles.length} items`, { kind: 'success' });
  };

  // The row the cursor was on, for when it leaves the list (done while done is hidden): j/k go on from there.
  const lastIndex = useRef(0);
  useEffect(() => {
    const i = rows.findIndex((r) => r.key === cursor);
    if (i >= 0) lastIndex.current = i;
  }, [rows, cursor]);

  const moveTo = useCallback(
    (key: string, placement: MoveInput['placement'], toIndex: number) => move({ key, placement, toIndex }),
    [move],
  );
  const { toggle, clear } = selection;
  const { peeked, open: openPeek, close: closePeek, current: peekedNow } = peek;

  // A plain click opens the item beside the list; Shift and Ctrl/⌘ clicks select.
  const onRowClick = useCallback(
    (e: MouseEvent, key: string, index: number) => {
      selection.onRowClick(e, key, index);
      if (!e.shiftKey && !e.ctrlKey && !e.metaKey) openPeek(key);
    },
    [selection.onRowClick, openPeek],
  );

  const onDropRow = useCallback(
    (key: string, target: string, edge: Edge) => {
      const current = currentRows();
      const from = current.findIndex((r) => r.key === key);
      const to = current.findIndex((r) => r.key === target);
      if (from === -1 || to === -1) return;
      const targetWithout = to > from ? to - 1 : to;
      const toIndex = edge === 'top' ? targetWithout : targetWithout + 1;
      if (toIndex === from) return;
      setCursor(key);
      moveTo(key, edge === 'top' ? { before: target } : { after: target }, toIndex);
    },
    [currentRows, moveTo, setCursor],
  );

  const location = useLocation();
  const here = location.pathname + location.search;
  // The item page goes back here (filters and all) when closed.
  const onOpen = useCallback(
    (key: string) => navigate(`/p/${productKey}/items/${key}`, { state: { from: here } }),
    [navigate, productKey, here],
  );

  // The keyboard paths of UI.md: j/k, Alt+↑/↓, t, Enter, Space, x, Esc; c to add, / to search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || dialogOpen() || e.ctrlKey || e.metaKey) return;
      const inList = !!list.current?.container()?.contains(document.activeElement);
      if (!inList && document.activeElement !== document.body) return;
      const current = currentRows();
      const index = current.findIndex((r) => r.key === cursorRef.current);
      const item = index >= 0 ? current[index] : undefined;
      // The cursor's row left the list: the row now in its place is next, the one above it previous.
      const [down, up] = index >= 0 ? [index + 1, index - 1] : cursorRef.current ? [lastIndex.current, lastIndex.current - 1] : [0, 0];
      const go = (i: number) => {
        const target = current[Math.max(0, Math.min(current.length - 1, i))];
        if (!target) return;
        setCursor(target.key);
        list.current?.focus();
        list.current?.scrollToKey(target.key);
        // The panel follows the cursor, replacing its place in history rather than adding one per item.
        if (peekedNow()) openPeek(target.key);
      };
      const refuseRank = () =>
        toast(wsjfView ? 'Switch the order to Manual to reorder' : 'Your role cannot reorder the backlog', { kind: 'info' });
      const key = e.key;
      let handled = true;
      if (e.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
        if (!item) handled = false;
        else if (!canRank) refuseRank();
        else if (key === 'ArrowUp' && index > 0) moveTo(item.key, { before: current[index - 1]!.key }, index - 1);
        else if (key === 'ArrowDown' && index < current.length - 1) moveTo(item.key, { after: current[index + 1]!.key }, index + 1);
        if (item) requestAnimationFrame(() => list.current?.scrollToKey(item.key));
      } else if (e.altKey) handled = false;
      else if (key === 'j' || key === 'ArrowDown') go(down);
      else if (key === 'k' || key === 'ArrowUp') go(Math.max(0, up));
      else if (key === 't' && item) {
        if (!canRank) refuseRank();
        else if (index > 0) {
          moveTo(item.key, { position: 'top' }, 0);
          requestAnimationFrame(() => list.current?.scrollToKey(item.key));
        }
      } else if (key === 'Enter' && item) onOpen(item.key);
      else if (key === ' ' && item) {
        if (peekedNow() === item.key) closePeek();
        else openPeek(item.key);
      } else if (key === 'x' && item) toggle(item.key);
      else if (key === 'Escape') {
        // An open panel closes first (it listens for Esc itself).
        if (peekedNow()) return;
        if (selected.size) clear();
        else setCursor(null);
      } else if (key === 'c' && canCreate) quickAdd.current?.focus();
      else if (key === '/') search.current?.focus();
      else handled = false;
      if (handled) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [
    canCreate,
    canRank,
    clear,
    closePeek,
    currentRows,
    cursorRef,
    moveTo,
    onOpen,
    openPeek,
    peekedNow,
    selected.size,
    setCursor,
    toast,
    toggle,
    wsjfView,
  ]);

  const selectedKeys = () =>
    rows
      .filter((r) => selected.has(r.key))
      .map((r) => r.key)
      .concat([...selected].filter((k) => !rows.some((r) => r.key === k)));

  const showBulk = selected.size > 0 && (canRank || canUpdate);
  const emptyOpen = rows.length === 0 && !query.isPlaceholderData && !query.isPending && !filterState.active && !!listFilters.stateCategory;
  const everything = useQuery({ ...backlogCountQuery(productKey, filters), enabled: emptyOpen });
  const panel = peeked ? (
    <PeekPanel
      product={product}
      itemKey={peeked}
      onClose={() => {
        closePeek();
        list.current?.focus();
      }}
      fullPage={{ to: `/p/${productKey}/items/${peeked}`, state: { from: here } }}
    />
  ) : null;
  const page = (
    <div className="backlog">
      <BacklogToolbar product={product} filters={filterState} searchRef={search} total={count} />
      {canCreate && (
        <QuickAdd
          ref={quickAdd}
          anchor={cursor && rows.some((r) => r.key === cursor) ? cursor : null}
          canRank={can(product.role, 'item.rank')}
          onAdd={(titles) => void createAll(titles)}
          onClearAnchor={() => setCursor(null)}
          onLeave={() => list.current?.focus()}
        />
      )}
      {query.isPending ? (
        <SkeletonRows count={14} />
      ) : query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 && !query.isPlaceholderData ? (
        filterState.active ? (
          <EmptyState
            title="No items match these filters"
            action={
              <Button size="sm" onClick={filterState.clear}>
                Clear filters
              </Button>
            }
          />
        ) : emptyOpen && everything.data ? (
          <EmptyState
            title="Nothing left to do"
            action={
              <Button size="sm" onClick={() => filterState.setShowDone(true)}>
                Show the {everything.data.toLocaleString()} done
              </Button>
            }
          >
            {canCreate ? 'Every item is done. Add the next one above.' : 'Every item is done.'}
          </EmptyState>
        ) : (
          <EmptyState title="No items yet">
            {canCreate ? 'Add the first one above: type a title and press Enter.' : 'The product owner has not added any items yet.'}
          </EmptyState>
        )
      ) : (
        <BacklogList
          ref={list}
          productKey={productKey}
          rows={rows}
          total={total}
          states={product.states}
          cursor={cursor}
          selected={selected}
          canRank={canRank}
          dimmed={query.isPlaceholderData}
          ensureLoaded={ensureLoaded}
          onRowClick={onRowClick}
          onOpen={onOpen}
          onDropRow={onDropRow}
          onFocusList={() => {
            if (!cursorRef.current && rows[0]) setCursor(rows[0].key);
          }}
        />
      )}
      {showBulk && (
        <Suspense fallback={null}>
          <BulkBar
            count={selected.size}
            rows={rows.filter((r) => selected.has(r.key))}
            product={product}
            canRank={canRank}
            canUpdate={canUpdate}
            onAction={(action) => bulk({ keys: selectedKeys(), action })}
            onClear={selection.clear}
          />
        </Suspense>
      )}
    </div>
  );
  return <PeekLayout panel={panel}>{page}</PeekLayout>;
}
