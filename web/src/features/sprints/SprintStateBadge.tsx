import type { TSprint } from '@ordo/contract';

const LABELS: Record<TSprint['state'], string> = { planned: 'Planned', active: 'Active', closed: 'Closed' };

export function SprintStateBadge({ state }: { state: TSprint['state'] }) {
  return <span className={`sprint-badge sprint-${state}`}>{LABELS[state]}</span>;
}
