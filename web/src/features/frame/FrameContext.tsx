import { createContext, useContext } from 'react';

export interface FrameActions {
  openShortcuts: () => void;
  openNewProduct: () => void;
  /** on a phone or a narrow window the sidebar is a drawer, opened from the top bar's menu button */
  toggleMenu: () => void;
  menuOpen: boolean;
}

export const FrameContext = createContext<FrameActions>({
  openShortcuts: () => {},
  openNewProduct: () => {},
  toggleMenu: () => {},
  menuOpen: false,
});

/** Dialogs that belong to the whole frame, opened from anywhere inside it. */
export const useFrame = () => useContext(FrameContext);
