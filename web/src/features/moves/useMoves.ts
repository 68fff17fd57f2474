import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useToast } from '../../ui/Toast';
import { MovesInFlight } from './inFlight';
import { OptimisticMoves, type MoveSpec } from './optimisticMoves';

/** What a view has on its way, for the life of the view; `catchUp` may change between renders. */
export function useMovesInFlight(catchUp?: () => void): MovesInFlight {
  const latest = useRef(catchUp);
  latest.current = catchUp;
  return useState(() => new MovesInFlight(() => latest.current?.()))[0];
}

/**
 * The view's optimistic moves (see OptimisticMoves): returns `move`, stable for the view's queue,
 * which shows a move at once and sends it after the ones before it.
 */
export function useMoves<V, R>(spec: MoveSpec<V, R>): (move: V) => boolean {
  const queryClient = useQueryClient();
  const toast = useToast();
  const ref = useRef<OptimisticMoves<V, R> | null>(null);
  if (!ref.current || ref.current.scope !== spec.scope || ref.current.inFlight !== spec.inFlight)
    ref.current = new OptimisticMoves(queryClient, spec, toast);
  else ref.current.update(spec, toast);
  const moves = ref.current;
  return useCallback((move: V) => moves.move(move), [moves]);
}
