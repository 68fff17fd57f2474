import type { ReactNode } from 'react';
import { Logo, usePageTitle } from '../frame';
import './auth.css';

/** The centred card of the sign-in and first-run pages. */
export function AuthCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <Logo size={28} />
          <span>Ordo</span>
        </div>
        <h1>{title}</h1>
        {lead && <p className="muted auth-lead">{lead}</p>}
        {children}
      </div>
    </main>
  );
}
