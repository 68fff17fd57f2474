import { useId, useState } from 'react';
import type { TItem } from '@ordo/contract';
import type { SaveItem } from './useItemSave';

/** The item's labels: × removes one, typing adds one, with the product's labels as suggestions. */
export function LabelsEditor({ item, known, canEdit, save }: { item: TItem; known: string[]; canEdit: boolean; save: SaveItem }) {
  const [text, setText] = useState('');
  const listId = useId();
  const suggestions = known.filter((l) => !item.labels.includes(l));

  const add = async () => {
    const label = text.trim().replace(/,/g, ' ');
    if (!label || item.labels.includes(label)) {
      setText('');
      return;
    }
    const outcome = await save({ labels: [...item.labels, label] }, item);
    if (outcome !== 'failed') setText('');
  };

  return (
    <div className="labels-editor">
      {item.labels.length === 0 && !canEdit && <span className="faint">—</span>}
      {item.labels.map((l) => (
        <span key={l} className="label-chip">
          {l}
          {canEdit && (
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove label ${l}`}
              onClick={() => void save({ labels: item.labels.filter((x) => x !== l) }, item)}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {canEdit && (
        <>
          <input
            className="label-input"
            aria-label="Add a label"
            placeholder="+ label"
            list={listId}
            value={text}
            maxLength={50}
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
            onBlur={() => {
              if (text.trim()) void add();
            }}
          />
          <datalist id={listId}>
            {suggestions.map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
        </>
      )}
    </div>
  );
}
