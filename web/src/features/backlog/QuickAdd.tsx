import { forwardRef, lazy, Suspense, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { ITEM_TITLE_MAX } from '@ordo/contract';
import { pastedTitles, titleTooLong } from './titles';

const PasteLinesDialog = lazy(() => import('./PasteLinesDialog').then((m) => ({ default: m.PasteLinesDialog })));

interface QuickAddProps {
  /** the row new items go after; null means the top */
  anchor: string | null;
  /** whether the person may choose a place in the backlog's order; otherwise new items land at the bottom */
  canRank: boolean;
  /** adds items with these titles, in this order */
  onAdd: (titles: string[]) => void;
  onClearAnchor: () => void;
  onLeave: () => void;
}

/**
 * "+ Add an item… (Enter)": a title and Enter; the input stays ready for the next one. Pasting
 * several lines offers one item per line. A title over the limit is refused with the reason,
 * never cut.
 */
export const QuickAdd = forwardRef<HTMLInputElement, QuickAddProps>(function QuickAdd(
  { anchor, canRank, onAdd, onClearAnchor, onLeave },
  ref,
) {
  const [title, setTitle] = useState('');
  const [pasted, setPasted] = useState<string[] | null>(null);
  const tooLong = titleTooLong(title);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const t = title.trim();
      if (!t || tooLong) return;
      onAdd([t]);
      setTitle('');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setTitle('');
      onLeave();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const titles = pastedTitles(e.clipboardData.getData('text/plain'));
    if (titles.length < 2) return;
    e.preventDefault();
    setPasted(titles);
  };

  const where = !canRank ? 'at the bottom of the backlog' : anchor ? `after ${anchor}` : 'at the top';
  return (
    <>
      <div className={`quick-add ${tooLong ? 'is-invalid' : ''}`}>
        <span className="quick-add-plus" aria-hidden="true">
          +
        </span>
        <input
          ref={ref}
          className="quick-add-input"
          placeholder="Add an item… (Enter)"
          aria-label="Add an item: type a title and press Enter"
          aria-invalid={tooLong ? true : undefined}
          aria-describedby={tooLong ? 'quick-add-error' : undefined}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          data-testid="quick-add"
        />
        {tooLong ? (
          <span id="quick-add-error" className="field-error quick-add-error" role="alert">
            {tooLong}
          </span>
        ) : (
          <span className="quick-add-where" data-testid="quick-add-where">
            {!canRank ? (
              <span title="The owner ranks the backlog">lands at the bottom</span>
            ) : anchor ? (
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
        )}
      </div>
      {pasted && (
        <Suspense fallback={null}>
          <PasteLinesDialog
            titles={pasted}
            where={where}
            limit={ITEM_TITLE_MAX}
            onCreate={(titles) => {
              setPasted(null);
              onAdd(titles);
            }}
            onCancel={() => setPasted(null)}
          />
        </Suspense>
      )}
    </>
  );
});
