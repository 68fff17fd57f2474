import type { TProductDetail } from '@ordo/contract';
import { Button } from '../../ui/Button';
import { Menu } from '../../ui/Menu';
import { StateIcon } from '../../ui/StateBadge';
import type { BulkAction } from './useBacklogMutations';

/** "3 selected: Move to top, Move to bottom, Set state ▾, Assign ▾" — only what the role allows. */
export function BulkBar({
  count,
  product,
  canRank,
  canUpdate,
  onAction,
  onClear,
}: {
  count: number;
  product: TProductDetail;
  canRank: boolean;
  canUpdate: boolean;
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}) {
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected items">
      <strong>{count} selected</strong>
      {canRank && (
        <>
          <Button size="sm" onClick={() => onAction({ kind: 'top' })}>
            Move to top
          </Button>
          <Button size="sm" onClick={() => onAction({ kind: 'bottom' })}>
            Move to bottom
          </Button>
        </>
      )}
      {canUpdate && (
        <>
          <Menu
            label="Set state"
            above
            items={product.states.map((s) => ({ id: String(s.id), label: s.name, icon: <StateIcon category={s.category} /> }))}
            onSelect={(id) => onAction({ kind: 'state', stateId: Number(id) })}
          />
          <Menu
            label="Assign"
            above
            items={[{ id: 'none', label: 'Nobody' }, ...product.members.map((m) => ({ id: String(m.userId), label: m.name }))]}
            onSelect={(id) => onAction({ kind: 'assign', assigneeId: id === 'none' ? null : Number(id) })}
          />
        </>
      )}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear <kbd>Esc</kbd>
      </Button>
    </div>
  );
}
