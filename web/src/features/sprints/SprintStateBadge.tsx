import type { TSprint } from '../../../../src/contract/delivery';

const LABELS: Record<TSprint['state'], string> = { planned: 'Planned', active: 'Active', closed: 'Closed' };

export function SprintStateBadge({ state }: { state: TSprint['state'] }) {
  return <span className={`sprint-badge sprint-${state}`}>{LABELS[state]}</span>;
}
