import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useEffect, useRef, useState } from 'react';
import type { TCriterion } from '@ordo/contract';
import { CriterionRow, CRITERION_DRAG_TYPE } from './CriterionRow';
import { useCriteria } from './useCriteria';

/**
 * The acceptance criteria as a checklist: the owner ticks what they accept; the team adds,
 * rewords and reorders (drag, or Alt+↑/↓ on a row). Those who may not see a plain list.
 */
export function CriteriaList({
  itemKey,
  criteria,
  canEdit,
  canAccept,
}: {
  itemKey: string;
  criteria: TCriterion[];
  canEdit: boolean;
  canAccept: boolean;
}) {
  const ops = useCriteria(itemKey);
  const [text, setText] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const latest = useRef({ criteria, ops });
  latest.current = { criteria, ops };
  const accepted = criteria.filter((c) => c.accepted).length;

  useEffect(
    () =>
      monitorForElements({
        canMonitor: ({ source }) => source.data.type === CRITERION_DRAG_TYPE && source.data.itemKey === itemKey,
        onDrop: ({ source, location }) => {
          const target = location.current.dropTargets[0];
          if (!target) return;
          const { criteria: list, ops: o } = latest.current;
          const from = list.findIndex((c) => c.id === source.data.id);
          const over = list.findIndex((c) => c.id === target.data.id);
          if (from === -1 || over === -1 || from === over) return;
          const overWithout = over > from ? over - 1 : over;
          const to = target.data.edge === 'top' ? overWithout : overWithout + 1;
          if (to !== from) void o.moveTo(list[from]!, to);
        },
      }),
    [itemKey],
  );

  const moveBy = (c: TCriterion, delta: number) => {
    const index = criteria.findIndex((x) => x.id === c.id);
    const to = index + delta;
    if (to < 0 || to >= criteria.length) return;
    void ops.moveTo(c, to).then(() => {
      listRef.current?.querySelector<HTMLElement>(`[data-criterion="${c.id}"] .criterion-text`)?.focus();
    });
  };

  const add = async () => {
    const t = text.trim();
    if (!t) return;
    if (await ops.add(t)) setText('');
  };

  return (
    <section className="item-section" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading" className="section-title">
        Acceptance criteria
        {criteria.length > 0 && (
          <span className="faint section-count">
            {accepted}/{criteria.length} accepted
          </span>
        )}
      </h2>
      {criteria.length === 0 && !canEdit && <p className="faint">No acceptance criteria yet.</p>}
      <ul className="criteria" ref={listRef}>
        {criteria.map((c) => (
          <CriterionRow
            key={c.id}
            itemKey={itemKey}
            criterion={c}
            canEdit={canEdit}
            canAccept={canAccept}
            onAccept={(value) => void ops.accept(c, value)}
            onReword={(t) => ops.reword(c, t)}
            onRemove={() => void ops.remove(c)}
            onMoveBy={(d) => moveBy(c, d)}
          />
        ))}
      </ul>
      {canEdit && (
        <div className="criterion-add">
          <span className="criterion-box is-empty" aria-hidden="true" />
          <input
            className="criterion-add-input"
            aria-label="Add an acceptance criterion"
            placeholder={
              criteria.length ? 'Add another criterion… (Enter)' : 'Add the first criterion: what must be true for this to be done? (Enter)'
            }
            value={text}
            maxLength={1000}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              } else if (e.key === 'Escape' && text) {
                e.stopPropagation();
                setText('');
              }
            }}
          />
        </div>
      )}
    </section>
  );
}
