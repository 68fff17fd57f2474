import { useMemo, useState } from 'react';
import { Button } from '../../ui/Button';
import type { TScopeItem } from '@ordo/contract';
import type { TWorkflowState } from '@ordo/contract';
import { ScopeRow } from './ScopeRow';

/** Rows drawn at first; a release of a thousand items shows the rest on request. */
const FIRST_ROWS = 150;

/** A sprint's or release's items, read-only: open work first, in workflow order, then what is done. */
export function ScopeList({ scope, productKey, states }: { scope: TScopeItem[]; productKey: string; states: TWorkflowState[] }) {
  const stateById = useMemo(() => new Map(states.map((s) => [s.id, s])), [states]);
  const ordered = useMemo(() => {
    const position = (i: TScopeItem) => {
      const s = stateById.get(i.stateId);
      // Furthest along first among open work; done items last.
      return i.stateCategory === 'done' ? 1_000_000 : -(s?.position ?? 0);
    };
    return [...scope].sort((a, b) => position(a) - position(b));
  }, [scope, stateById]);
  const [all, setAll] = useState(false);
  const shown = all ? ordered : ordered.slice(0, FIRST_ROWS);
  return (
    <>
      <ul className="scope-list" data-testid="scope-list">
        {shown.map((item) => (
          <ScopeRow key={item.key} item={item} productKey={productKey} state={stateById.get(item.stateId)} />
        ))}
      </ul>
      {shown.length < ordered.length && (
        <Button size="sm" variant="ghost" className="scope-more" onClick={() => setAll(true)}>
          Show all {ordered.length} items
        </Button>
      )}
    </>
  );
}
