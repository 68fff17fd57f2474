import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { TBoard, TItem, TMoveItemRequest } from '@ordo/contract';
import { boardApi } from '../../api/board';
import { itemsApi } from '../../api/items';
import { keys } from '../../api/keys';
import { useActivity } from '../../realtime/ProductStreamContext';
import { useMoves, useMovesInFlight } from '../moves';
import { cardOf, findCard, moveCard, patchCard, type CardPlace } from './boardModel';

/** Events that change what the board shows; comments, criteria and links do not. */
const BOARD_EVENTS = new Set(['item', 'state', 'product', 'member', 'membership']);
/** Events that change a card's counts (open questions, votes) when they are about an item. */
const CARD_COUNT_EVENTS = new Set(['question', 'request']);
/** Events arriving together (a bulk change) are one reload. */
const RELOAD_DELAY_MS = 30;

interface BoardMove {
  key: string;
  place: CardPlace;
  override?: boolean;
}

/** The board's query, also started by the page before the product has loaded, so the two load side by side. */
export const boardQuery = (productKey: string) =>
  queryOptions({ queryKey: keys.board(productKey), queryFn: ({ signal }) => boardApi.get(productKey, signal), staleTime: Infinity });

/**
 * The product's board, kept live: an event from anyone reloads it (a 304 when nothing it shows
 * changed), except while a move of ours is on its way or a card is in the hand, so nothing
 * jumps under the pointer or back and forth.
 * Moves show at once, are sent one after another, and snap back with the reason when refused;
 * those who may override are offered "Move anyway".
 */
export function useBoard(productKey: string, canOverride: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery(boardQuery(productKey));
  const boardKey = keys.board(productKey);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A reload waits while a move is on its way or a card is in the hand; the last to settle catches up.
  const inFlight = useMovesInFlight(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (inFlight.busy) inFlight.catchUpLater();
      else void queryClient.invalidateQueries({ queryKey: keys.board(productKey) });
    }, RELOAD_DELAY_MS);
  });

  useActivity((a) => {
    if (a.productKey !== productKey) return;
    if (BOARD_EVENTS.has(a.entityType) || (CARD_COUNT_EVENTS.has(a.entityType) && a.itemKey)) inFlight.catchUpLater();
  });

  const edit = (fn: (b: TBoard) => TBoard) => queryClient.setQueryData<TBoard>(boardKey, (b) => b && fn(b));

  /** Shows the card at its new place now, then tells the server. */
  const move = useMoves<BoardMove, TItem>({
    scope: `board:${productKey}`,
    queryKey: boardKey,
    inFlight,
    keysOf: ({ key }) => [key],
    show: ({ key, place }) => {
      const board = queryClient.getQueryData<TBoard>(boardKey);
      const origin = board && findCard(board, key)?.card;
      if (!board || !origin) return null;
      queryClient.setQueryData<TBoard>(boardKey, moveCard(board, key, place));
      // Back where it was: its old rank puts it in its old place.
      return () => edit((b) => moveCard(b, key, { stateId: origin.stateId }, undefined, origin));
    },
    send: ({ key, place, override }) => {
      const body: TMoveItemRequest = { stateId: place.stateId };
      if (place.before) body.before = place.before;
      else if (place.after) body.after = place.after;
      if (override) body.override = true;
      return itemsApi.move(key, body);
    },
    confirm: (item) => edit((b) => patchCard(b, cardOf(item))),
    refused: ({ key }) => `${key} was not moved`,
    override: (m) => (canOverride ? { ...m, override: true } : null),
  });

  /** Holds reloads back while a card is being dragged. */
  const hold = useCallback(() => inFlight.hold(), [inFlight]);
  const release = useCallback(() => inFlight.release(), [inFlight]);

  /** The board as the cache has it this instant, moves not rendered yet included. */
  const cachedBoard = useCallback(() => queryClient.getQueryData<TBoard>(boardKey), [queryClient, boardKey]);

  return { query, move, hold, release, cachedBoard };
}
