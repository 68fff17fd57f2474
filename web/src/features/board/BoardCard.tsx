import { ItemSignals } from '../../ui/ItemSignals';
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import { draggable, dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { memo, useEffect, useRef, useState } from 'react';
import type { TCard } from '@ordo/contract';
import { Avatar } from '../../ui/Avatar';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { TypeIcon } from '../../ui/TypeIcon';
import { shortDuration } from '../../ui/time';

export const CARD_DRAG = 'ordo/board-card';
export type Edge = 'top' | 'bottom';

/** What a dragged card carries, and what a card under it answers with. */
export interface CardDragData {
  type: typeof CARD_DRAG;
  key: string;
  lane: string;
}
export interface CardDropData {
  kind: 'card';
  key: string;
  stateId: number;
  lane: string;
  edge: Edge;
}

interface CardProps {
  card: TCard;
  href: string;
  assigneeName: string | undefined;
  /** the cycle-time percentile of recently finished work that this card's time in progress already passes: 0, 50, 85 or 95 */
  beyond: number;
  /** the time ages are counted to, a minute at a time so cards do not render every second */
  now: number;
  lane: string;
  canMove: boolean;
  isCursor: boolean;
}

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * A card: key, type, title, labels, estimate, assignee, how long it has been in its column, and
 * ⛔ with how long and why when blocked. Light on purpose: a board can hold thousands.
 */
export const BoardCard = memo(function BoardCard({ card, href, assigneeName, beyond, now, lane, canMove, isCursor }: CardProps) {
  const ref = useRef<HTMLAnchorElement>(null);
  const [edge, setEdge] = useState<Edge | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || !canMove) return;
    return combine(
      draggable({
        element,
        getInitialData: () => ({ type: CARD_DRAG, key: card.key, lane }) satisfies CardDragData,
        onDragStart: () => setDragging(true),
        onDrop: () => setDragging(false),
      }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === CARD_DRAG && source.data.lane === lane,
        getData: ({ input }) => {
          const rect = element.getBoundingClientRect();
          const edge: Edge = input.clientY < rect.top + rect.height / 2 ? 'top' : 'bottom';
          return { kind: 'card', key: card.key, stateId: card.stateId, lane, edge } satisfies CardDropData;
        },
        onDrag: ({ self, source }) => setEdge(source.data.key === card.key ? null : (self.data as unknown as CardDropData).edge),
        onDragLeave: () => setEdge(null),
        onDrop: () => setEdge(null),
      }),
    );
  }, [card.key, card.stateId, lane, canMove]);

  const age = shortDuration(now - Date.parse(card.stateEnteredAt));
  const labels = card.labels ?? [];
  const blockedFor = card.blocked && card.blockedSince ? shortDuration(now - Date.parse(card.blockedSince)) : null;
  return (
    <a
      ref={ref}
      href={href}
      className={`card ${dragging ? 'is-dragging' : ''} ${card.blocked ? 'is-blocked' : ''} ${card.type === 'epic' ? 'is-epic' : ''} ${edge ? `is-drop-${edge}` : ''}`}
      data-card={card.key}
      tabIndex={isCursor ? 0 : -1}
      draggable={canMove || undefined}
    >
      <span className="card-top">
        <TypeIcon type={card.type} />
        <span className="card-key">{card.key}</span>
        {card.blocked && (
          <span
            className="card-blocked"
            title={`Blocked${blockedFor ? ` for ${blockedFor}` : ''}: ${card.blockedReason || 'no reason given'}`}
          >
            <BlockedIcon />
            {blockedFor ?? 'blocked'}
          </span>
        )}
      </span>
      <span className="card-title">{card.title}</span>
      <span className="card-meta">
        {labels.slice(0, 2).map((l) => (
          <span key={l} className="label-chip">
            {l}
          </span>
        ))}
        {labels.length > 2 && <span className="faint">+{labels.length - 2}</span>}
        <span className="card-spacer" />
        <ItemSignals openQuestions={card.openQuestions} votes={card.votes} />
        {card.estimate != null && <span className="card-estimate">{points(card.estimate)} pt</span>}
        {assigneeName && <Avatar name={assigneeName} size={20} />}
        <span
          className={`card-age ${beyond >= 95 ? 'is-aging-95' : beyond >= 85 ? 'is-aging' : ''}`}
          title={`In this column for ${age}${beyond >= 85 ? `; in progress for longer than ${beyond} % of recently finished items took` : ''}`}
        >
          ·{age}
        </span>
      </span>
    </a>
  );
});
