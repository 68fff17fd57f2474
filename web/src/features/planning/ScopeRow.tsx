import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { TScopeItem } from '@ordo/contract';
import type { TWorkflowState } from '@ordo/contract';
import { Avatar } from '../../ui/Avatar';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { StateBadge } from '../../ui/StateBadge';
import { TypeIcon } from '../../ui/TypeIcon';
import { since } from '../../ui/time';
import { PLAN_DRAG_TYPE } from './planDrag';

interface ScopeRowProps {
  item: TScopeItem;
  productKey: string;
  state: TWorkflowState | undefined;
  /** offers "take out" and dragging back to the backlog */
  onRemove?: (key: string) => void;
  removeLabel?: string;
}

/** One item of a sprint's or release's scope: key, type, title, blocked time, estimate, assignee, state. */
export function ScopeRow({ item, productKey, state, onRemove, removeLabel = 'Take out' }: ScopeRowProps) {
  const ref = useRef<HTMLLIElement>(null);
  const [dragging, setDragging] = useState(false);
  const canDrag = !!onRemove;

  useEffect(() => {
    const element = ref.current;
    if (!element || !canDrag) return;
    return draggable({
      element,
      getInitialData: () => ({ type: PLAN_DRAG_TYPE, from: 'scope', keys: [item.key] }),
      onDragStart: () => setDragging(true),
      onDrop: () => setDragging(false),
    });
  }, [item.key, canDrag]);

  const blockedFor = item.blocked && item.blockedSince ? since(item.blockedSince) : null;
  return (
    <li
      ref={ref}
      className={`scope-row ${dragging ? 'is-dragging' : ''} ${item.stateCategory === 'done' ? 'is-done' : ''}`}
      data-key={item.key}
    >
      <Link to={`/p/${productKey}/items/${item.key}`} className="scope-key">
        {item.key}
      </Link>
      <TypeIcon type={item.type} />
      <span className="scope-title" title={item.title}>
        {item.title}
      </span>
      {item.blocked && (
        <span
          className="scope-blocked"
          title={`Blocked${blockedFor ? ` for ${blockedFor}` : ''}: ${item.blockedReason || 'no reason given'}`}
        >
          <BlockedIcon />
          {blockedFor ?? 'blocked'}
        </span>
      )}
      <span className="scope-estimate">{item.estimate != null ? `${item.estimate} pt` : ''}</span>
      <span className="scope-assignee">{item.assignee && <Avatar name={item.assignee.name} size={20} />}</span>
      <span className="scope-state">{state ? <StateBadge name={state.name} category={state.category} /> : null}</span>
      {onRemove && (
        <button
          type="button"
          className="icon-btn scope-remove"
          aria-label={`${removeLabel} ${item.key}`}
          title={removeLabel}
          onClick={() => onRemove(item.key)}
        >
          ×
        </button>
      )}
    </li>
  );
}
