import type { TItemSummary, TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { useReleases, useSprints } from '../../api/delivery';
import { Button } from '../../ui/Button';
import { Menu } from '../../ui/Menu';
import { StateIcon } from '../../ui/StateBadge';
import { formatDate } from '../../ui/time';
import type { BulkAction } from './useBacklogMutations';

/**
 * "3 selected: Move to top, Move to bottom, State ▾, Assign ▾, Sprint ▾, Release ▾, Epic ▾,
 * Labels ▾" — only what the role allows. Each change goes to every selected item at once, all or
 * nothing.
 */
export function BulkBar({
  count,
  rows,
  product,
  canRank,
  canUpdate,
  onAction,
  onClear,
}: {
  count: number;
  /** the selected rows that are loaded: what the menus mark as already set */
  rows: TItemSummary[];
  product: TProductDetail;
  canRank: boolean;
  canUpdate: boolean;
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}) {
  const canPlanSprints = can(product.role, 'sprint.manage');
  const canPlanReleases = can(product.role, 'release.manage');
  const sprints = useSprints(product.key);
  const releases = useReleases(product.key);
  const all = <T,>(value: (r: TItemSummary) => T, expected: T) => rows.length > 0 && rows.every((r) => value(r) === expected);

  const openSprints = (sprints.data ?? []).filter((s) => s.state !== 'closed');
  const openReleases = (releases.data ?? []).filter((r) => !r.releasedAt);
  const labels = [...new Set([...product.labels, ...rows.flatMap((r) => r.labels)])].sort((a, b) => a.localeCompare(b));
  const carrying = (label: string) => rows.filter((r) => r.labels.includes(label)).length;
  const toggleLabel = (label: string) =>
    onAction(carrying(label) === rows.length && rows.length > 0 ? { kind: 'labels', remove: [label] } : { kind: 'labels', add: [label] });

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected items" data-testid="bulk-bar">
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
            label="State"
            above
            items={product.states.map((s) => ({
              id: String(s.id),
              label: s.name,
              icon: <StateIcon category={s.category} />,
              checked: all((r) => r.stateId, s.id),
            }))}
            onSelect={(id) => onAction({ kind: 'state', stateId: Number(id) })}
          />
          <Menu
            label="Assign"
            above
            items={[
              { id: 'none', label: 'Nobody', checked: all((r) => r.assignee?.id ?? null, null) },
              ...product.members.map((m) => ({ id: String(m.userId), label: m.name, checked: all((r) => r.assignee?.id, m.userId) })),
            ]}
            onSelect={(id) => onAction({ kind: 'assign', assigneeId: id === 'none' ? null : Number(id) })}
          />
          {canPlanSprints && (
            <Menu
              label="Sprint"
              above
              emptyText="No open sprints: plan one on the Sprints page"
              items={[
                { id: 'none', label: 'No sprint', checked: all((r) => r.sprintId, null) },
                ...openSprints.map((s) => ({
                  id: String(s.id),
                  label: s.state === 'active' ? `${s.name} (active)` : s.name,
                  text: s.name,
                  checked: all((r) => r.sprintId, s.id),
                })),
              ]}
              onSelect={(id) => onAction({ kind: 'sprint', sprintId: id === 'none' ? null : Number(id) })}
            />
          )}
          {canPlanReleases && (
            <Menu
              label="Release"
              above
              items={[
                { id: 'none', label: 'No release', checked: all((r) => r.releaseId, null) },
                ...openReleases.map((r) => ({
                  id: String(r.id),
                  label: r.targetDate ? `${r.name} · ${formatDate(r.targetDate)}` : r.name,
                  text: r.name,
                  checked: all((row) => row.releaseId, r.id),
                })),
              ]}
              onSelect={(id) => onAction({ kind: 'release', releaseId: id === 'none' ? null : Number(id) })}
            />
          )}
          <Menu
            label="Epic"
            above
            items={[
              { id: '', label: 'No epic', checked: all((r) => r.parentKey, null) },
              ...product.epics.map((e) => ({
                id: e.key,
                label: `${e.key} ${e.title}`,
                text: `${e.key} ${e.title}`,
                checked: all((r) => r.parentKey, e.key),
              })),
            ]}
            onSelect={(id) => onAction({ kind: 'epic', parentKey: id || null })}
          />
          <Menu
            label="Labels"
            above
            multiple
            emptyText="No labels yet: type one to add it"
            items={labels.map((l) => {
              const n = carrying(l);
              return {
                id: l,
                text: l,
                label: n > 0 && n < rows.length ? `${l} (${n} of ${rows.length})` : l,
                checked: n > 0 && n === rows.length,
              };
            })}
            onSelect={toggleLabel}
            create={{
              label: (text) => `Add label “${text}”`,
              onCreate: (text) => onAction({ kind: 'labels', add: [text] }),
            }}
          />
        </>
      )}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear <kbd>Esc</kbd>
      </Button>
    </div>
  );
}
