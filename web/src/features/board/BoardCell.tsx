import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type { TCard } from '@ordo/contract';
import { BoardCard, CARD_DRAG } from './BoardCard';

/** Cards rendered at first in a cell, and how many more each time the reader scrolls near the end. */
const FIRST_CARDS = 24;
const MORE_CARDS = 100;

/** What a cell under a dragged card answers with: the end of this lane's part of the column. */
export interface CellDropData {
  kind: 'cell';
  stateId: number;
  lane: string;
}

interface CellProps {
  cards: TCard[];
  stateId: number;
  lane: string;
  productKey: string;
  names: ReadonlyMap<number, string>;
  /** per card: the cycle-time percentile (85, 95) its age already passes */
  beyond: ReadonlyMap<string, number>;
  now: number;
  canMove: boolean;
  /** the card with the keyboard cursor, when it is in this cell */
  cursor: string | null;
  /** said when the cell has no card */
  emptyText?: string;
  footer?: ReactNode;
}

/**
 * One lane's cards of one column. Long columns render their first cards and add more as the
 * reader scrolls toward the end, so a column of 2,000 costs what a screenful costs until read.
 */
export const BoardCell = memo(function BoardCell({
  cards,
  stateId,
  lane,
  productKey,
  names,
  beyond,
  now,
  canMove,
  cursor,
  emptyText,
  footer,
}: CellProps) {
  const ref = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [limit, setLimit] = useState(FIRST_CARDS);
  const [over, setOver] = useState<'cell' | 'end' | null>(null);
  const cursorIndex = cursor ? cards.findIndex((c) => c.key === cursor) : -1;
  const shown = Math.max(limit, cursorIndex + 1);
  const more = cards.length > shown;

  useEffect(() => {
    const element = ref.current;
    if (!element || !canMove) return;
    return dropTargetForElements({
      element,
      canDrop: ({ source }) => source.data.type === CARD_DRAG && source.data.lane === lane,
      getData: () => ({ kind: 'cell', stateId, lane }) satisfies CellDropData,
      onDrag: ({ self, location }) => setOver(location.current.dropTargets[0]?.element === self.element ? 'end' : 'cell'),
      onDragLeave: () => setOver(null),
      onDrop: () => setOver(null),
    });
  }, [stateId, lane, canMove]);

  useEffect(() => {
    const target = sentinel.current;
    const cell = ref.current;
    if (!target || !cell || !more) return;
    // Watched from whatever scrolls: the column itself, or the whole board when it has swimlanes.
    const root = getComputedStyle(cell).overflowY === 'auto' ? cell : cell.closest('.board');
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + MORE_CARDS);
      },
      { root, rootMargin: '800px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [more, shown]);

  return (
    <div ref={ref} className={`board-cell ${over ? 'is-over' : ''}`} data-state={stateId} data-lane={lane}>
      {cards.slice(0, shown).map((card) => (
        <BoardCard
          key={card.key}
          card={card}
          href={`/p/${productKey}/items/${card.key}`}
          assigneeName={card.assigneeId == null ? undefined : names.get(card.assigneeId)}
          beyond={beyond.get(card.key) ?? 0}
          now={now}
          lane={lane}
          canMove={canMove}
          isCursor={card.key === cursor}
        />
      ))}
      {more && (
        <div ref={sentinel} className="board-more faint">
          {cards.length - shown} more…
        </div>
      )}
      {over === 'end' && <span className="drop-end" aria-hidden="true" />}
      {cards.length === 0 && emptyText && <p className="board-empty faint">{emptyText}</p>}
      {footer}
    </div>
  );
});
