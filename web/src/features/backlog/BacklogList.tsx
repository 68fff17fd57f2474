import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, type MouseEvent } from 'react';
import type { TItemSummary } from '@ordo/contract';
import type { TWorkflowState } from '@ordo/contract';
import { Skeleton } from '../../ui/Skeleton';
import { BacklogRow, ROW_DRAG_TYPE, type Edge } from './BacklogRow';

const ROW_HEIGHT = 36;
/** How close to the list's edge a dragged row starts scrolling it, and how fast at most. */
const SCROLL_ZONE = 56;
const MAX_SCROLL_STEP = 18;

export interface BacklogListHandle {
  focus: () => void;
  scrollToKey: (key: string) => void;
  container: () => HTMLDivElement | null;
}

interface ListProps {
  productKey: string;
  rows: TItemSummary[];
  total: number;
  states: TWorkflowState[];
  cursor: string | null;
  selected: ReadonlySet<string>;
  canRank: boolean;
  dimmed: boolean;
  ensureLoaded: (index: number) => void;
  onRowClick: (e: MouseEvent, key: string, index: number) => void;
  onOpen: (key: string) => void;
  onDropRow: (key: string, target: string, edge: Edge) => void;
  onFocusList: () => void;
}

/**
 * The rows, virtualised: only the ~30 on screen exist in the page, so 100,000 items scroll as
 * smoothly as 10. Rows past the loaded pages show as placeholders until their page arrives.
 */
export const BacklogList = forwardRef<BacklogListHandle, ListProps>(function BacklogList(props, handle) {
  const { productKey, rows, total, states, cursor, selected, canRank, dimmed, ensureLoaded, onRowClick, onOpen, onDropRow, onFocusList } =
    props;
  const container = useRef<HTMLDivElement>(null);
  const stateById = useMemo(() => new Map(states.map((s) => [s.id, s])), [states]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => container.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useImperativeHandle(
    handle,
    () => ({
      focus: () => container.current?.focus({ preventScroll: true }),
      scrollToKey: (key) => {
        const index = rowsRef.current.findIndex((r) => r.key === key);
        if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
      },
      container: () => container.current,
    }),
    [virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : 0;
  useEffect(() => ensureLoaded(lastIndex), [lastIndex, rows.length, ensureLoaded]);

  // Drops, and scrolling the list while a row is dragged near its top or bottom edge.
  const onDropRef = useRef(onDropRow);
  onDropRef.current = onDropRow;
  useEffect(() => {
    let pointerY: number | null = null;
    let frame = 0;
    const step = () => {
      const el = container.current;
      if (el && pointerY !== null) {
        const rect = el.getBoundingClientRect();
        const fromTop = pointerY - rect.top;
        const fromBottom = rect.bottom - pointerY;
        if (fromTop < SCROLL_ZONE) el.scrollTop -= Math.ceil(MAX_SCROLL_STEP * (1 - Math.max(0, fromTop) / SCROLL_ZONE));
        else if (fromBottom < SCROLL_ZONE) el.scrollTop += Math.ceil(MAX_SCROLL_STEP * (1 - Math.max(0, fromBottom) / SCROLL_ZONE));
      }
      frame = requestAnimationFrame(step);
    };
    return monitorForElements({
      canMonitor: ({ source }) => source.data.type === ROW_DRAG_TYPE,
      onDragStart: ({ location }) => {
        pointerY = location.current.input.clientY;
        frame = requestAnimationFrame(step);
      },
      onDrag: ({ location }) => {
        pointerY = location.current.input.clientY;
      },
      onDrop: ({ source, location }) => {
        cancelAnimationFrame(frame);
        pointerY = null;
        const target = location.current.dropTargets[0];
        if (!target) return;
        const key = source.data.key as string;
        const targetKey = target.data.key as string;
        if (key !== targetKey) onDropRef.current(key, targetKey, target.data.edge as Edge);
      },
    });
  }, []);

  return (
    <div
      ref={container}
      className={`backlog-list ${dimmed ? 'is-dimmed' : ''}`}
      role="listbox"
      aria-label="Backlog"
      aria-multiselectable="true"
      aria-activedescendant={cursor ? `row-${cursor}` : undefined}
      tabIndex={0}
      onFocus={(e) => {
        if (e.target === container.current) onFocusList();
      }}
      data-testid="backlog-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const item = rows[v.index];
          // Keyed by item here, not through the virtualizer: its getItemKey would make it
          // re-measure all 100,000 positions on every render.
          return (
            <div key={item?.key ?? `pending-${v.index}`} className="backlog-slot" style={{ transform: `translateY(${v.start}px)` }}>
              {item ? (
                <BacklogRow
                  item={item}
                  index={v.index}
                  productKey={productKey}
                  state={stateById.get(item.stateId)}
                  isCursor={item.key === cursor}
                  isSelected={selected.has(item.key)}
                  canRank={canRank}
                  onRowClick={onRowClick}
                  onOpen={onOpen}
                />
              ) : (
                <div className="backlog-row is-pending" aria-hidden="true">
                  <Skeleton width={52} />
                  <Skeleton width={`${25 + ((v.index * 37) % 45)}%`} />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
});
