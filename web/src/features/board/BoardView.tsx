import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { TBoard } from '@ordo/contract';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { useReport, type ReportFilters } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { dialogOpen, isTyping } from '../../ui/keyboard';
import { useToast } from '../../ui/Toast';
import { useBacklogFilters } from '../backlog';
import { PeekLayout, PeekPanel, usePeek } from '../peek';
import { BoardCell, type CellDropData } from './BoardCell';
import type { CardDropData } from './BoardCard';
import { CARD_DRAG } from './BoardCard';
import { filtersApply, findCard, type CardPlace } from './boardModel';
import { BoardSkeleton } from './BoardSkeleton';
import { BoardToolbar } from './BoardToolbar';
import { ColumnHeader } from './ColumnHeader';
import { buildLanes, LANE_MODES, type Lane, type LaneMode } from './lanes';
import { useBoard } from './useBoard';
import { useDragAutoScroll } from './useDragAutoScroll';
import { useNow } from './useNow';
import './board.css';

/** The aging report over the whole product: the cards it finds older than most finished work are marked. */
const ALL_WORK: ReportFilters = {};
const COLUMN_MIN_WIDTH = 196;
const COLUMN_GAP = 8;

/** Where each shown card sits: its lane, its column, its place in that cell. */
type Positions = Map<string, { lane: number; col: number; index: number }>;

function positionsOf(lanes: Lane[]): Positions {
  const out: Positions = new Map();
  lanes.forEach((lane, l) =>
    lane.cells.forEach((cards, col) => cards.forEach((card, index) => out.set(card.key, { lane: l, col, index }))),
  );
  return out;
}

/**
 * The team's board: one column per workflow state, in swimlanes if wanted, cards dragged between
 * and within columns (or moved with Shift+←/→ and Alt+↑/↓), live with everyone else's changes. A
 * card opens beside the board (click, Enter or Space), and the panel follows the keyboard cursor.
 */
export function BoardView({ product }: { product: TProductDetail }) {
  const productKey = product.key;
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const canMove = can(product.role, 'item.move');
  const { query, move, hold, release, cachedBoard } = useBoard(productKey, can(product.role, 'rule.override'));
  const filterState = useBacklogFilters();
  const { filters } = filterState;
  const [params, setParams] = useSearchParams();
  const laneParam = params.get('lanes') as LaneMode | null;
  const laneMode: LaneMode = laneParam && LANE_MODES.includes(laneParam) ? laneParam : 'none';
  const now = useNow();
  const boardRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const focusNext = useRef<{ key: string; stateId?: number } | null>(null);
  const { peeked, open: openPeek, close: closePeek } = usePeek();

  const board = query.data;
  const lanes = useMemo(() => (board ? buildLanes(board, laneMode, filters) : []), [board, laneMode, filters]);
  const positions = useMemo(() => positionsOf(lanes), [lanes]);
  const names = useMemo(() => new Map((board?.users ?? []).map((u) => [u.id, u.name])), [board?.users]);
  const aging = useReport(productKey, 'aging', ALL_WORK).data;
  const beyond = useMemo(() => new Map(aging ? aging.keys.map((k, i) => [k, aging.beyond[i] ?? 0]) : []), [aging]);
  const total = useMemo(() => (board ? board.columns.reduce((n, c) => n + c.cards.length, 0) : 0), [board]);
  const shown = positions.size;
  const filtering = filtersApply(filters);

  const latest = useRef({ board, lanes, positions });
  latest.current = { board, lanes, positions };

  // The keyboard cursor stays on a card that is shown; the first card takes it otherwise.
  const cursorShown = cursor !== null && positions.has(cursor);
  const firstKey = lanes.find((l) => l.total > 0)?.cells.find((c) => c.length > 0)?.[0]?.key ?? null;
  const activeCursor = cursorShown ? cursor : firstKey;
  const cursorAt = activeCursor ? (positions.get(activeCursor) ?? null) : null;

  useLayoutEffect(() => {
    const want = focusNext.current;
    if (!want || !boardRef.current) return;
    const scope = want.stateId !== undefined ? `.board-cell[data-state="${want.stateId}"] ` : '';
    const el = boardRef.current.querySelector<HTMLElement>(`${scope}[data-card="${want.key}"]`);
    if (el) {
      focusNext.current = null;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  const focusCard = useCallback(
    (key: string, stateId?: number) => {
      focusNext.current = { key, stateId };
      setCursor(key);
      if (peeked) openPeek(key);
    },
    [peeked, openPeek],
  );

  const moveAndFollow = useCallback(
    (key: string, place: CardPlace) => {
      move({ key, place });
      focusNext.current = { key, stateId: place.stateId };
      setCursor(key);
    },
    [move],
  );

  // Drops: next to the card under the pointer, or at the end of the lane's part of the column.
  const drop = useCallback(
    (key: string, target: { data: Record<string | symbol, unknown> } | undefined) => {
      const { board: b, lanes: ls } = latest.current;
      const found = b && findCard(b, key);
      if (!target || !b || !found) return;
      const data = target.data as unknown as CardDropData | CellDropData;
      let place: CardPlace;
      if (data.kind === 'card') {
        if (data.key === key) return;
        place = data.edge === 'top' ? { stateId: data.stateId, before: data.key } : { stateId: data.stateId, after: data.key };
        const cards = found.column.cards;
        // Dropped where it already is: nothing to send.
        if (
          found.column.stateId === data.stateId &&
          (cards[found.index + 1]?.key === place.before || cards[found.index - 1]?.key === place.after)
        )
          return;
      } else {
        const col = b.columns.findIndex((c) => c.stateId === data.stateId);
        const cell = ls.find((l) => l.id === data.lane)?.cells[col] ?? [];
        const last = [...cell].reverse().find((c) => c.key !== key);
        if (found.column.stateId === data.stateId && (!last || cell[cell.length - 1]?.key === key)) return;
        place = last ? { stateId: data.stateId, after: last.key } : { stateId: data.stateId };
      }
      moveAndFollow(key, place);
    },
    [moveAndFollow],
  );
  // One monitor for the page's life, so a drag that started is always seen to its end.
  const dragHandlers = useRef({ hold, release, drop });
  dragHandlers.current = { hold, release, drop };
  useEffect(
    () =>
      monitorForElements({
        canMonitor: ({ source }) => source.data.type === CARD_DRAG,
        onDragStart: () => dragHandlers.current.hold(),
        onDrop: ({ source, location: where }) => {
          try {
            dragHandlers.current.drop(source.data.key as string, where.current.dropTargets[0]);
          } finally {
            dragHandlers.current.release();
          }
        },
      }),
    [],
  );
  useDragAutoScroll(boardRef);

  const open = useCallback(
    (key: string) => navigate(`/p/${productKey}/items/${key}`, { state: { from: location.pathname + location.search } }),
    [navigate, productKey, location.pathname, location.search],
  );

  // A click opens the card beside the board; Enter on a focused card (a click with no pointer, detail 0)
  // opens its page, as in the backlog; Ctrl/⌘-click keeps the link's new tab.
  const onClick = (e: MouseEvent) => {
    const card = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-card]');
    if (!card || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const key = card.dataset.card!;
    setCursor(key);
    if (e.detail === 0) open(key);
    else openPeek(key);
  };

  const current = () => {
    const cached = cachedBoard();
    if (!cached || cached === board) return { board, lanes, positions };
    const ls = buildLanes(cached, laneMode, filters);
    return { board: cached, lanes: ls, positions: positionsOf(ls) };
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-card]');
    const key = el?.dataset.card;
    // Where the card is this instant, moves not rendered yet included: keys pressed faster than
    // React renders each act on the place the previous one left.
    const now = current();
    const at = key ? now.positions.get(key) : undefined;
    if (!key || !at || !now.board) return;
    const cells = now.lanes[at.lane]!.cells;
    const cell = cells[at.col]!;
    const horizontal = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
    const vertical = e.key === 'ArrowUp' || e.key === 'ArrowDown';
    const dir = e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 1;
    if ((e.shiftKey && horizontal) || (e.altKey && vertical)) {
      e.preventDefault();
      if (!canMove) return toast('Your role cannot move cards', { kind: 'info' });
      if (horizontal) {
        const column = now.board.columns[at.col + dir];
        // Into the next column, keeping its place in the backlog's order.
        if (column) moveAndFollow(key, { stateId: column.stateId });
      } else {
        const neighbour = cell[at.index + dir];
        if (neighbour)
          moveAndFollow(
            key,
            dir < 0
              ? { stateId: now.board.columns[at.col]!.stateId, before: neighbour.key }
              : { stateId: now.board.columns[at.col]!.stateId, after: neighbour.key },
          );
      }
      return;
    }
    if (e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ') {
      e.preventDefault();
      if (peeked === key) closePeek();
      else openPeek(key);
      return;
    }
    const down = e.key === 'ArrowDown' || e.key === 'j';
    const up = e.key === 'ArrowUp' || e.key === 'k';
    const side = horizontal || e.key === 'h' || e.key === 'l' ? (e.key === 'ArrowLeft' || e.key === 'h' ? -1 : 1) : 0;
    if (down || up) {
      e.preventDefault();
      const next = cell[at.index + (up ? -1 : 1)];
      if (next) focusCard(next.key);
    } else if (side) {
      e.preventDefault();
      for (let col = at.col + side; col >= 0 && col < cells.length; col += side) {
        const target = cells[col]!;
        if (target.length) {
          focusCard(target[Math.min(at.index, target.length - 1)]!.key);
          break;
        }
      }
    }
  };

  // "/" filters, from anywhere on the board.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e) && !dialogOpen() && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const setLanes = (mode: LaneMode) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (mode === 'none') next.delete('lanes');
        else next.set('lanes', mode);
        return next;
      },
      { replace: true },
    );

  const toolbar = (
    <BoardToolbar
      product={product}
      filters={filterState}
      lanes={laneMode}
      onLanes={setLanes}
      searchRef={searchRef}
      shown={shown}
      total={total}
    />
  );
  const panel = peeked ? (
    <PeekPanel
      product={product}
      itemKey={peeked}
      onClose={() => {
        closePeek();
        if (activeCursor) focusCard(activeCursor);
      }}
      fullPage={{ to: `/p/${productKey}/items/${peeked}`, state: { from: location.pathname + location.search } }}
    />
  ) : null;
  if (query.isPending) return <BoardSkeleton columns={product.states.length} />;
  if (query.isError && !board) {
    return (
      <div className="board-page">
        {toolbar}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const page = (
    <div className="board-page">
      {toolbar}
      {board && total === 0 ? (
        <EmptyState title="No cards on the board yet">
          {can(product.role, 'item.create')
            ? 'Add items in the backlog; they show here in their workflow state.'
            : 'The product owner has not added any items yet.'}
        </EmptyState>
      ) : board && shown === 0 && filtering ? (
        <EmptyState
          title="No cards match these filters"
          action={
            <Button size="sm" onClick={filterState.clear}>
              Clear filters
            </Button>
          }
        />
      ) : (
        board && (
          <Board
            board={board}
            lanes={lanes}
            laneMode={laneMode}
            productKey={productKey}
            names={names}
            beyond={beyond}
            now={now}
            canMove={canMove}
            cursor={activeCursor}
            cursorAt={cursorAt}
            filtering={filtering}
            boardRef={boardRef}
            onClick={onClick}
            onKeyDown={onKeyDown}
            onFocusCard={setCursor}
          />
        )
      )}
    </div>
  );
  return <PeekLayout panel={panel}>{page}</PeekLayout>;
}

function Board({
  board,
  lanes,
  laneMode,
  productKey,
  names,
  beyond,
  now,
  canMove,
  cursor,
  cursorAt,
  filtering,
  boardRef,
  onClick,
  onKeyDown,
  onFocusCard,
}: {
  board: TBoard;
  lanes: Lane[];
  laneMode: LaneMode;
  productKey: string;
  names: ReadonlyMap<number, string>;
  beyond: ReadonlyMap<string, number>;
  now: number;
  canMove: boolean;
  cursor: string | null;
  cursorAt: { lane: number; col: number } | null;
  filtering: boolean;
  boardRef: React.RefObject<HTMLDivElement | null>;
  onClick: (e: MouseEvent) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onFocusCard: (key: string) => void;
}) {
  const single = laneMode === 'none';
  const minWidth = board.columns.length * (COLUMN_MIN_WIDTH + COLUMN_GAP);
  const shownIn = (col: number) => lanes.reduce((n, l) => n + l.cells[col]!.length, 0);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div
      ref={boardRef}
      className={`board ${single ? 'is-single' : 'has-lanes'}`}
      role="region"
      aria-label="Board"
      aria-roledescription="board"
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const key = (e.target as HTMLElement).dataset?.card;
        if (key) onFocusCard(key);
      }}
      data-testid="board"
    >
      <div className="board-head" style={{ minWidth }}>
        {board.columns.map((column, i) => (
          <ColumnHeader key={column.stateId} column={column} productKey={productKey} shown={shownIn(i)} filtering={filtering} />
        ))}
      </div>
      {lanes.map((lane, l) => {
        const isCollapsed = collapsed.has(lane.id);
        return (
          <section
            key={lane.id}
            className={`lane ${isCollapsed ? 'is-collapsed' : ''}`}
            aria-label={single ? undefined : `Swimlane ${lane.title}`}
            style={{ minWidth }}
          >
            {!single && (
              <h2 className="lane-head">
                <button type="button" className="lane-toggle" aria-expanded={!isCollapsed} onClick={() => toggle(lane.id)}>
                  <span className="lane-caret" aria-hidden="true">
                    ▾
                  </span>
                  {lane.epicKey && <span className="mono lane-key">{lane.epicKey}</span>}
                  <span className="lane-title">{lane.title}</span>
                  <span className="faint lane-count">{lane.total}</span>
                </button>
              </h2>
            )}
            {!isCollapsed && (
              <div className="lane-row">
                {board.columns.map((column, i) => (
                  <div key={column.stateId} className={`board-column ${column.overLimit ? 'is-over-limit' : ''}`}>
                    <BoardCell
                      cards={lane.cells[i]!}
                      stateId={column.stateId}
                      lane={lane.id}
                      productKey={productKey}
                      names={names}
                      beyond={beyond}
                      now={now}
                      canMove={canMove}
                      cursor={cursorAt && cursorAt.lane === l && cursorAt.col === i ? cursor : null}
                      emptyText={single && !filtering ? (canMove ? 'Drop cards here' : 'Nothing here') : undefined}
                    />
                  </div>
                ))}
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
