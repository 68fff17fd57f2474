import type { ReactNode } from 'react';
import { NotificationBell } from '../notifications';
import { useFrame } from './FrameContext';
import { LiveIndicator } from './LiveIndicator';
import { UserMenu } from './UserMenu';

/**
 * The bar over every page: where you are on the left, the live state and your account on the right.
 * On a phone it wraps: the menu button, where you are and your account, then the tabs scrolling sideways.
 */
export function TopBar({ children }: { children: ReactNode }) {
  const { toggleMenu, menuOpen } = useFrame();
  return (
    <header className="topbar">
      <button
        type="button"
        className="menu-button icon-btn"
        aria-label="Menu: your products and inbox"
        aria-expanded={menuOpen}
        aria-controls="sidebar"
        onClick={toggleMenu}
        data-testid="menu-button"
      >
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
          <path d="M3 5h12M3 9h12M3 13h12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      </button>
      <div className="topbar-left">{children}</div>
      <div className="topbar-right">
        <LiveIndicator />
        <NotificationBell />
        <UserMenu />
      </div>
    </header>
  );
}
