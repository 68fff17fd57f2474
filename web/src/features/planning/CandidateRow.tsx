import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { pointerOutsideOfPreview } from '@atlaskit/pragmatic-drag-and-drop/element/pointer-outside-of-preview';
import { setCustomNativeDragPreview } from '@atlaskit/pragmatic-drag-and-drop/element/set-custom-native-drag-preview';
import { memo, useEffect, useRef, useState } from 'react';
import type { TItemSummary } from '@ordo/contract';
import type { TWorkflowState } from '@ordo/contract';
import { BlockedIcon } from '../../ui/BlockedIcon';
import { StateIcon } from '../../ui/StateBadge';
import { TypeIcon } from '../../ui/TypeIcon';
import { PLAN_DRAG_TYPE } from './planDrag';

interface CandidateRowProps {
  item: TItemSummary;
  state: TWorkflowState | undefined;
  selected: boolean;
  /** the keys a drag of this row carries: every selected item when this one is selected */
  dragKeys: () => string[];
  /** `range`: extend the selection from the last toggled row (Shift) */
  onToggle: (key: string, range: boolean) => void;
  onAdd: (key: string) => void;
}

/** A backlog item that could be planned: select it, drag it across, or add it with one click. */
export const CandidateRow = memo(function CandidateRow({ item, state, selected, dragKeys, onToggle, onAdd }: CandidateRowProps) {
  const ref = useRef<HTMLLIElement>(null);
  const [dragging, setDragging] = useState(false);
  const keysRef = useRef(dragKeys);
  keysRef.current = dragKeys;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return draggable({
      element,
      getInitialData: () => ({ type: PLAN_DRAG_TYPE, from: 'backlog', keys: keysRef.current() }),
      onGenerateDragPreview: ({ nativeSetDragImage, source }) => {
        const count = (source.data.keys as string[]).length;
        if (count < 2) return;
        setCustomNativeDragPreview({
          nativeSetDragImage,
          getOffset: pointerOutsideOfPreview({ x: '12px', y: '8px' }),
          render: ({ container }) => {
            const preview = document.createElement('div');
            preview.className = 'plan-drag-preview';
            preview.textContent = `${count} items`;
            container.append(preview);
          },
        });
      },
      onDragStart: () => setDragging(true),
      onDrop: () => setDragging(false),
    });
  }, []);

  return (
    <li
      ref={ref}
      className={`candidate-row ${selected ? 'is-selected' : ''} ${dragging ? 'is-dragging' : ''}`}
      data-key={item.key}
      onClick={(e) => onToggle(item.key, e.shiftKey)}
    >
      <input
        type="checkbox"
        className="candidate-check"
        checked={selected}
        aria-label={`Select ${item.key} ${item.title}`}
        onClick={(e) => e.stopPropagation()}
        onChange={() => onToggle(item.key, false)}
      />
      <span className="scope-key">{item.key}</span>
      <TypeIcon type={item.type} />
      <span className="scope-title" title={item.title}>
        {item.title}
      </span>
      {item.blocked && (
        <span className="scope-blocked" title={`Blocked: ${item.blockedReason || 'no reason given'}`}>
          <BlockedIcon />
        </span>
      )}
      <span className="scope-estimate">{item.estimate != null ? `${item.estimate} pt` : ''}</span>
      {state && (
        <span className="candidate-state" title={state.name}>
          <StateIcon category={state.category} />
        </span>
      )}
      <button
        type="button"
        className="icon-btn candidate-add"
        aria-label={`Add ${item.key}`}
        title="Add"
        onClick={(e) => {
          e.stopPropagation();
          onAdd(item.key);
        }}
      >
        +
      </button>
    </li>
  );
});
