import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { TBoard, TCard, TMoveItemRequest } from '@ordo/contract';
import { errorMessage, isApiError } from '../../api/client';
import { boardApi } from '../../api/board';
import { itemsApi } from '../../api/items';
import { keys } from '../../api/keys';
import { useActivity } from '../../realtime/ProductStreamContext';
import { useToast } from '../../ui/Toast';
import { cardOf, findCard, moveCard, patchCard, type CardPlace } from './boardModel';

/** Events that change what the board shows; comments, criteria and links do not. */
const BOARD_EVENTS = new Set(['item', 'state', 'product', 'member', 'membership']);
/** Events that change a card's counts (open questions, votes) when they are about an item. */
const CARD_COUNT_EVENTS = new Set(['question', 'request']);
/** Events arriving together (a bulk change) are one reload. */
const RELOAD_DELAY_MS = 30;

interface MoveVars {
  key: string;
  place: CardPlace;
  override: boolean;
  /** the card as it was before the move, to put back if the server refuses */
  origin: TCard;
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
  const toast = useToast();
  const query = useQuery(boardQuery(productKey));

  const pending = useRef(0);
  const staleMeanwhile = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const reload = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (pending.current > 0) staleMeanwhile.current = true;
      else void queryClient.invalidateQueries({ queryKey: keys.board(productKey) });
    }, RELOAD_DELAY_MS);
  }, [queryClient, productKey]);

  useActivity((a) => {
    if (a.productKey !== productKey || !(BOARD_EVENTS.has(a.entityType) || (CARD_COUNT_EVENTS.has(a.entityType) && a.itemKey))) return;
    if (pending.current > 0) staleMeanwhile.current = true;
    else reload();
  });

  const edit = (fn: (b: TBoard) => TBoard) => queryClient.setQueryData<TBoard>(keys.board(productKey), (b) => b && fn(b));

  const mutation = useMutation({
    scope: { id: `board:${productKey}` },
    mutationFn: ({ key, place, override }: MoveVars) => {
      const body: TMoveItemRequest = { stateId: place.stateId };
      if (place.before) body.before = place.before;
      else if (place.after) body.after = place.after;
      if (override) body.override = true;
      return itemsApi.move(key, body);
    },
    onSuccess: (item) => edit((b) => patchCard(b, cardOf(item))),
    onError: (e, vars) => {
      // Back where it was: its old rank puts it in its old place.
      edit((b) => moveCard(b, vars.key, { stateId: vars.origin.stateId }, undefined, vars.origin));
      const reason = errorMessage(e);
      const refused = isApiError(e) && e.code === 'rule_violation';
      toast(`${vars.key} was not moved: ${reason}`, {
        kind: 'error',
        action: refused && canOverride ? { label: 'Move anyway', run: () => move(vars.key, vars.place, true) } : undefined,
      });
    },
    onSettled: () => release(),
  });

  /** Holds reloads back (while a move is on its way, or a card is being dragged); the last release catches up. */
  const hold = useCallback(() => {
    pending.current += 1;
  }, []);
  const release = useCallback(() => {
    pending.current -= 1;
    if (pending.current === 0 && staleMeanwhile.current) {
      staleMeanwhile.current = false;
      reload();
    }
  }, [reload]);

  const mutate = mutation.mutate;
  /** Shows the card at its new place now, then tells the server. */
  const move = useCallback(
    (key: string, place: CardPlace, override = false) => {
      const board = queryClient.getQueryData<TBoard>(keys.board(productKey));
      const found = board && findCard(board, key);
      if (!board || !found) return;
      // A reload under way would bring the card back from before the move: it is redone after.
      if (queryClient.isFetching({ queryKey: keys.board(productKey) })) staleMeanwhile.current = true;
      void queryClient.cancelQueries({ queryKey: keys.board(productKey) });
      hold();
      queryClient.setQueryData<TBoard>(keys.board(productKey), moveCard(board, key, place));
      mutate({ key, place, override, origin: found.card });
    },
    [queryClient, productKey, mutate, hold],
  );

  return { query, move, hold, release };
}
