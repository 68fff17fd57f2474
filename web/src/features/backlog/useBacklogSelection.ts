import { useCallback, useRef, useState, type MouseEvent } from 'react';
import type { TItemSummary } from '@ordo/contract';

/**
 * The cursor (the row j/k move and new items land after) and the selection (rows the bulk bar
 * acts on): a click puts the cursor on a row (and the backlog opens it beside the list) and clears
 * the selection; shift-click selects a range from the last click, ctrl/⌘-click adds or removes one.
 */
export function useBacklogSelection(rows: TItemSummary[]) {
  const [cursor, setCursorState] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const cursorRef = useRef<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const setCursor = useCallback((key: string | null) => {
    cursorRef.current = key;
    setCursorState(key);
  }, []);

  const onRowClick = useCallback(
    (e: MouseEvent, key: string, index: number) => {
      setCursor(key);
      if (e.shiftKey && anchor.current) {
        const from = rowsRef.current.findIndex((r) => r.key === anchor.current);
        const [a, b] = from === -1 ? [index, index] : [Math.min(from, index), Math.max(from, index)];
        setSelected(new Set(rowsRef.current.slice(a, b + 1).map((r) => r.key)));
        return;
      }
      anchor.current = key;
      if (e.ctrlKey || e.metaKey) {
        setSelected((s) => {
          const next = new Set(s);
          if (next.has(key)) next.delete(key);
          else next.add(key);
          return next;
        });
      } else setSelected((s) => (s.size ? new Set() : s));
    },
    [setCursor],
  );

  const toggle = useCallback((key: string) => {
    anchor.current = key;
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const clear = useCallback(() => setSelected(new Set()), []);

  return { cursor, cursorRef, setCursor, selected, onRowClick, toggle, clear };
}
