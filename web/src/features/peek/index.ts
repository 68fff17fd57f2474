/** The peek panel: an item beside the backlog or the board, its state in the URL. */
export { PeekLayout } from './PeekLayout';
export { PeekPanel } from './PeekPanel';
export { usePeek } from './usePeek';
