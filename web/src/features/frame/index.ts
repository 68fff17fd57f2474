/** What other features use of the app's frame. */
export { useFrame } from './FrameContext';
export { FrameSkeleton } from './FrameSkeleton';
export { Logo } from './Logo';
export { canCreateProducts } from './Sidebar';
export { usePageTitle } from './usePageTitle';
