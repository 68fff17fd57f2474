import { useEffect, useMemo, useState } from 'react';
import { Outlet } from 'react-router';
import { dialogOpen, isTyping } from '../../ui/keyboard';
import { FrameContext } from './FrameContext';
import { NewProductDialog } from './NewProductDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { Sidebar } from './Sidebar';
import { UserStreamProvider } from '../../realtime/UserStreamProvider';
import './frame.css';

/** Sidebar and page; `?` anywhere lists the shortcuts. */
export function AppFrame() {
  const [shortcuts, setShortcuts] = useState(false);
  const [newProduct, setNewProduct] = useState(false);
  const actions = useMemo(() => ({ openShortcuts: () => setShortcuts(true), openNewProduct: () => setNewProduct(true) }), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e) && !e.ctrlKey && !e.metaKey && !dialogOpen()) {
        e.preventDefault();
        setShortcuts(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <FrameContext.Provider value={actions}>
      <UserStreamProvider>
        <div className="frame">
          <Sidebar />
          <div className="main">
            <Outlet />
          </div>
        </div>
        <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
        <NewProductDialog open={newProduct} onClose={() => setNewProduct(false)} />
      </UserStreamProvider>
    </FrameContext.Provider>
  );
}
