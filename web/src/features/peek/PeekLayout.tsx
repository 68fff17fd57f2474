import type { ReactNode } from 'react';

/** A list (the backlog, the board) with the peek panel beside it when one is open. */
export function PeekLayout({ children, panel }: { children: ReactNode; panel: ReactNode }) {
  return (
    <div className={`peek-layout ${panel ? 'has-peek' : ''}`}>
      <div className="peek-main">{children}</div>
      {panel}
    </div>
  );
}
