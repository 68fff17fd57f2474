import { useStreamState } from '../../realtime/ProductStreamContext';

const TEXT = {
  connecting: ['Connecting…', 'Opening the live connection'],
  live: ['Live', 'Changes others make appear here as they happen'],
  reconnecting: ['Reconnecting…', 'The live connection dropped; trying again. Nothing is lost meanwhile.'],
  offline: ['Offline', 'No live connection. Changes by others will appear once Ordo is reachable again.'],
} as const;

/** "● live / reconnecting / offline": the state of the product's event stream. */
export function LiveIndicator() {
  const state = useStreamState();
  if (!state) return null;
  const [label, title] = TEXT[state];
  return (
    <span className={`live live-${state}`} title={title} role="status" aria-live="polite" data-testid="live-indicator" data-state={state}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-label">{label}</span>
    </span>
  );
}
