import { useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { dialogOpen, isTyping } from '../../ui/keyboard';
import { FrameContext } from './FrameContext';
import { NewProductDialog } from './NewProductDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { Sidebar } from './Sidebar';
import { UserStreamProvider } from '../../realtime/UserStreamProvider';
import './frame.css';

/** Sidebar and page; `?` anywhere lists the shortcuts. Below 900 px the sidebar is a drawer behind the top bar's menu button. */
export function AppFrame() {
  const [shortcuts, setShortcuts] = useState(false);
  const [newProduct, setNewProduct] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const actions = useMemo(
    () => ({
      openShortcuts: () => setShortcuts(true),
      openNewProduct: () => {
        setMenuOpen(false);
        setNewProduct(true);
      },
      toggleMenu: () => setMenuOpen((open) => !open),
      menuOpen,
    }),
    [menuOpen],
  );

  // Following a link in the drawer closes it.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && menuOpen) {
        setMenuOpen(false);
        document.querySelector<HTMLElement>('.menu-button')?.focus();
      } else if (e.key === '?' && !isTyping(e) && !e.ctrlKey && !e.metaKey && !dialogOpen()) {
        e.preventDefault();
        setShortcuts(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <FrameContext.Provider value={actions}>
      <UserStreamProvider>
        <div className={`frame ${menuOpen ? 'is-menu-open' : ''}`}>
          <Sidebar open={menuOpen} />
          {menuOpen && (
            <button
              type="button"
              className="drawer-backdrop"
              aria-label="Close the menu"
              tabIndex={-1}
              onClick={() => setMenuOpen(false)}
            />
          )}
          <main className="main" id="main">
            <Outlet />
          </main>
        </div>
        <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
        <NewProductDialog open={newProduct} onClose={() => setNewProduct(false)} />
      </UserStreamProvider>
    </FrameContext.Provider>
  );
}
