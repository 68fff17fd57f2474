import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import { draggable, dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useEffect, useRef, useState } from 'react';
import type { TCriterion } from '@ordo/contract';
import { since } from '../../ui/time';

export const CRITERION_DRAG_TYPE = 'ordo/criterion';

type Edge = 'top' | 'bottom';

/** One acceptance criterion: its box, its words (click to reword), a handle to drag and × to remove. */
export function CriterionRow({
  itemKey,
  criterion: c,
  canEdit,
  canAccept,
  onAccept,
  onReword,
  onRemove,
  onMoveBy,
}: {
  itemKey: string;
  criterion: TCriterion;
  canEdit: boolean;
  canAccept: boolean;
  onAccept: (accepted: boolean) => void;
  onReword: (text: string) => Promise<boolean>;
  onRemove: () => void;
  onMoveBy: (delta: number) => void;
}) {
  const row = useRef<HTMLLIElement>(null);
  const handle = useRef<HTMLSpanElement>(null);
  const [edge, setEdge] = useState<Edge | null>(null);
  const [draft, setDraft] = useState<string | null>(null);

  useEffect(() => {
    const element = row.current;
    if (!element || !handle.current || !canEdit) return;
    return combine(
      draggable({ element, dragHandle: handle.current, getInitialData: () => ({ type: CRITERION_DRAG_TYPE, itemKey, id: c.id }) }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === CRITERION_DRAG_TYPE && source.data.itemKey === itemKey,
        getData: ({ input }) => {
          const rect = element.getBoundingClientRect();
          return { id: c.id, edge: input.clientY < rect.top + rect.height / 2 ? 'top' : 'bottom' };
        },
        onDrag: ({ self, source }) => setEdge(source.data.id === c.id ? null : (self.data.edge as Edge)),
        onDragLeave: () => setEdge(null),
        onDrop: () => setEdge(null),
      }),
    );
  }, [itemKey, c.id, canEdit]);

  const commit = async () => {
    const t = (draft ?? '').trim();
    if (!t || t === c.text) setDraft(null);
    else if (await onReword(t)) setDraft(null);
  };

  return (
    <li
      ref={row}
      className={`criterion ${c.accepted ? 'is-accepted' : ''}`}
      data-criterion={c.id}
      onKeyDown={(e) => {
        if (!canEdit || !e.altKey || draft !== null) return;
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          onMoveBy(e.key === 'ArrowUp' ? -1 : 1);
        }
      }}
    >
      {edge && <span className={`drop-line drop-${edge}`} aria-hidden="true" />}
      {canEdit && (
        <span ref={handle} className="criterion-handle" aria-hidden="true" title="Drag to reorder (or Alt+↑/↓)">
          ⋮⋮
        </span>
      )}
      {canAccept ? (
        <input
          type="checkbox"
          className="criterion-check"
          checked={c.accepted}
          aria-label={`${c.accepted ? 'Withdraw acceptance of' : 'Accept'}: ${c.text}`}
          onChange={(e) => onAccept(e.target.checked)}
        />
      ) : (
        <span
          className={`criterion-box ${c.accepted ? 'is-checked' : 'is-empty'}`}
          role="img"
          aria-label={c.accepted ? 'accepted' : 'not accepted yet'}
        >
          {c.accepted ? '✓' : ''}
        </span>
      )}
      {draft !== null ? (
        <input
          className="input criterion-input"
          aria-label="Criterion"
          autoFocus
          value={draft}
          maxLength={1000}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
      ) : canEdit ? (
        <button type="button" className="criterion-text" title="Reword" onClick={() => setDraft(c.text)}>
          {c.text}
        </button>
      ) : (
        <span className="criterion-text">{c.text}</span>
      )}
      {c.accepted && c.acceptedBy && (
        <span className="faint criterion-by" title={c.acceptedAt ?? undefined}>
          {c.acceptedBy.name}
          {c.acceptedAt ? ` · ${since(c.acceptedAt)} ago` : ''}
        </span>
      )}
      {canEdit && draft === null && (
        <button type="button" className="icon-btn criterion-remove" aria-label={`Remove criterion: ${c.text}`} onClick={onRemove}>
          ×
        </button>
      )}
    </li>
  );
}
