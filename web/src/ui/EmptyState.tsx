import type { ReactNode } from 'react';

/** One sentence on what this is, and the one action that starts it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children && <p className="muted">{children}</p>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
