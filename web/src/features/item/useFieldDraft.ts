import { useCallback, useRef, useState } from 'react';
import type { TItem } from '@ordo/contract';
import { fieldValue, sameValue, type ItemField } from './fields';
import type { SaveItem } from './useItemSave';

interface Draft<V> {
  value: V;
  /** the item as it was when editing began: the version the save is sent against */
  base: TItem;
}

/**
 * One field being edited. The draft lives here, not in the query cache, so an event that reloads
 * the item while someone types never replaces what they typed; the save goes against the version
 * they started from, and a conflict is shown rather than lost.
 */
export function useFieldDraft<V>(item: TItem, field: ItemField, save: SaveItem, toSaved: (value: V) => unknown = (v) => v) {
  const [draft, setDraftState] = useState<Draft<V> | null>(null);
  const current = useRef<Draft<V> | null>(null);
  const busy = useRef(false);
  const setDraft = (d: Draft<V> | null) => {
    current.current = d;
    setDraftState(d);
  };

  const start = useCallback(
    (value?: V) => {
      if (current.current) return;
      setDraft({ value: value ?? (fieldValue(item, field) as V), base: item });
      // The item is read when editing starts, on purpose: later copies are not what the person saw.
    },
    [item, field],
  );

  const change = useCallback((value: V) => {
    if (current.current) setDraft({ ...current.current, value });
  }, []);

  const cancel = useCallback(() => setDraft(null), []);

  const commit = useCallback(async () => {
    const d = current.current;
    if (!d || busy.current) return;
    const value = toSaved(d.value);
    if (sameValue(value, fieldValue(d.base, field))) {
      setDraft(null);
      return;
    }
    busy.current = true;
    try {
      const outcome = await save({ [field]: value }, d.base);
      // A refused value does not linger as if it were kept: the field shows the saved value again
      // and the toast says why. Only when the server could not be asked does the draft stay, to retry.
      if (outcome !== 'failed') setDraft(null);
    } finally {
      busy.current = false;
    }
  }, [field, save, toSaved]);

  const changedMeanwhile = !!draft && !sameValue(fieldValue(item, field), fieldValue(draft.base, field));
  const draftBase = draft ? (fieldValue(draft.base, field) as V) : undefined;
  return { draft: draft?.value, draftBase, editing: !!draft, start, change, cancel, commit, changedMeanwhile };
}
