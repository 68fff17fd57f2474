import type { ReactNode } from 'react';
import { NotificationBell } from '../notifications';
import { LiveIndicator } from './LiveIndicator';
import { UserMenu } from './UserMenu';

/** The bar over every page: where you are on the left, the live state and your account on the right. */
export function TopBar({ children }: { children: ReactNode }) {
  return (
    <header className="topbar">
      <div className="topbar-left">{children}</div>
      <div className="topbar-right">
        <LiveIndicator />
        <NotificationBell />
        <UserMenu />
      </div>
    </header>
  );
}
