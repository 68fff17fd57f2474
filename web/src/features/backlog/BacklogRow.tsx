import { ItemSignals } from '../../ui/ItemSignals';
import { draggable, dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import { memo, useEffect, useRef, useState, type MouseEvent } from 'react';
import type { TItemSummary } from '@ordo/contract';
import type { TWorkflowState } from '@ordo/contract';
import { Avatar } from '../../ui/Avatar';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { StateBadge } from '../../ui/StateBadge';
import { TypeIcon } from '../../ui/TypeIcon';
import { since } from '../../ui/time';
import { EpicProgress } from './EpicProgress';

export type Edge = 'top' | 'bottom';
export const ROW_DRAG_TYPE = 'ordo/backlog-row';

interface RowProps {
  item: TItemSummary;
  index: number;
  productKey: string;
  state: TWorkflowState | undefined;
  isCursor: boolean;
  isSelected: boolean;
  canRank: boolean;
  onRowClick: (e: MouseEvent, key: string, index: number) => void;
  onOpen: (key: string) => void;
}

const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** One backlog line: handle, key, type, title, blocked time, labels, estimate, WSJF, assignee, state. */
export const BacklogRow = memo(function BacklogRow({ item, index, state, isCursor, isSelected, canRank, onRowClick, onOpen }: RowProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [dropEdge, setDropEdge] = useState<Edge | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || !canRank) return;
    const edgeOf = (clientY: number): Edge => {
      const rect = element.getBoundingClientRect();
      return clientY < rect.top + rect.height / 2 ? 'top' : 'bottom';
    };
    return combine(
      draggable({
        element,
        getInitialData: () => ({ type: ROW_DRAG_TYPE, key: item.key }),
        onDragStart: () => setDragging(true),
        onDrop: () => setDragging(false),
      }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === ROW_DRAG_TYPE,
        getData: ({ input }) => ({ key: item.key, edge: edgeOf(input.clientY) }),
        onDrag: ({ self, source }) => setDropEdge(source.data.key === item.key ? null : (self.data.edge as Edge)),
        onDragLeave: () => setDropEdge(null),
        onDrop: () => setDropEdge(null),
      }),
    );
  }, [item.key, canRank]);

  const blockedFor = item.blocked && item.blockedSince ? since(item.blockedSince) : null;
  return (
    <div
      ref={ref}
      id={`row-${item.key}`}
      role="option"
      aria-selected={isSelected}
      data-key={item.key}
      data-index={index}
      className={[
        'backlog-row',
        isCursor ? 'is-cursor' : '',
        isSelected ? 'is-selected' : '',
        dragging ? 'is-dragging' : '',
        item.type === 'epic' ? 'is-epic' : '',
      ].join(' ')}
      onClick={(e) => onRowClick(e, item.key, index)}
      onDoubleClick={() => onOpen(item.key)}
    >
      {dropEdge && <span className={`drop-line drop-${dropEdge}`} aria-hidden="true" />}
      <span className={`row-handle ${canRank ? '' : 'is-hidden'}`} aria-hidden="true">
        <svg viewBox="0 0 8 14" width="8" height="14">
          {[2, 7, 12].flatMap((y) => [<circle key={`a${y}`} cx="2" cy={y} r="1.2" />, <circle key={`b${y}`} cx="6" cy={y} r="1.2" />])}
        </svg>
      </span>
      {/* Not a link: a row of the listbox holds no control of its own (axe: nested-interactive); Enter and double-click open it too. */}
      <span
        className="row-key"
        onClick={(e) => {
          // Opens the way Enter does, so the item page knows to come back here.
          e.stopPropagation();
          onOpen(item.key);
        }}
      >
        {item.key}
      </span>
      <span className="row-type">
        <TypeIcon type={item.type} label />
      </span>
      <span className="row-title" title={item.title}>
        {item.title}
      </span>
      {item.type === 'epic' && <EpicProgress itemKey={item.key} />}
      {item.blocked && (
        <span
          className="row-blocked"
          title={`Blocked${blockedFor ? ` for ${blockedFor}` : ''}: ${item.blockedReason || 'no reason given'}`}
        >
          <BlockedIcon />
          {blockedFor ?? 'blocked'}
        </span>
      )}
      <ItemSignals openQuestions={item.openQuestions} votes={item.votes} />
      <span className="row-labels">
        {item.labels.slice(0, 3).map((l) => (
          <span key={l} className="label-chip">
            {l}
          </span>
        ))}
        {item.labels.length > 3 && <span className="faint">+{item.labels.length - 3}</span>}
      </span>
      <span className="row-estimate">{item.estimate != null ? `${formatScore(item.estimate)} pt` : ''}</span>
      <span className="row-wsjf" title={item.wsjf != null ? 'Weighted shortest job first: cost of delay ÷ job size' : undefined}>
        {item.wsjf != null ? (
          <>
            <span className="faint">WSJF</span> {formatScore(item.wsjf)}
          </>
        ) : (
          ''
        )}
      </span>
      <span className="row-assignee">{item.assignee && <Avatar name={item.assignee.name} size={20} />}</span>
      <span className="row-state">{state ? <StateBadge name={state.name} category={state.category} /> : null}</span>
    </div>
  );
});
