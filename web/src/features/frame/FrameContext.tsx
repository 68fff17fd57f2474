import { createContext, useContext } from 'react';

export interface FrameActions {
  openShortcuts: () => void;
  openNewProduct: () => void;
}

export const FrameContext = createContext<FrameActions>({ openShortcuts: () => {}, openNewProduct: () => {} });

/** Dialogs that belong to the whole frame, opened from anywhere inside it. */
export const useFrame = () => useContext(FrameContext);
