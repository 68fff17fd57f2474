import { forwardRef, useState, type KeyboardEvent } from 'react';

interface QuickAddProps {
  /** the row new items go after; null means the top */
  anchor: string | null;
  onAdd: (title: string) => void;
  onClearAnchor: () => void;
  onLeave: () => void;
}

/** "+ Add an item… (Enter)": a title and Enter; the input stays ready for the next one. */
export const QuickAdd = forwardRef<HTMLInputElement, QuickAddProps>(function QuickAdd({ anchor, onAdd, onClearAnchor, onLeave }, ref) {
  const [title, setTitle] = useState('');
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const t = title.trim();
      if (!t) return;
      onAdd(t);
      setTitle('');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setTitle('');
      onLeave();
    }
  };
  return (
    <div className="quick-add">
      <span className="quick-add-plus" aria-hidden="true">
        +
      </span>
      <input
        ref={ref}
        className="quick-add-input"
        placeholder="Add an item… (Enter)"
        aria-label="Add an item: type a title and press Enter"
        value={title}
        maxLength={500}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="quick-add"
      />
      <span className="quick-add-where">
        {anchor ? (
          <>
            lands after <span className="mono">{anchor}</span>
            <button
              type="button"
              className="icon-btn"
              title="Add at the top instead"
              aria-label="Add at the top instead"
              onClick={onClearAnchor}
            >
              ×
            </button>
          </>
        ) : (
          'lands at the top'
        )}
      </span>
    </div>
  );
});
