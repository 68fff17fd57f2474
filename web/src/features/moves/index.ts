/** Optimistic moves shared by the board and the backlog. */
export { MovesInFlight } from './inFlight';
export { OptimisticMoves, type MoveSpec } from './optimisticMoves';
export { useMoves, useMovesInFlight } from './useMoves';
