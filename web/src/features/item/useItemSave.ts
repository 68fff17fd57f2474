import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { TActivity, TItem, TUpdateItemRequest } from '@ordo/contract';
import { errorMessage, isApiError } from '../../api/client';
import { itemPartsApi } from '../../api/itemParts';
import { itemsApi } from '../../api/items';
import { keys } from '../../api/keys';
import { useToast } from '../../ui/Toast';
import { authorsOf, theirChanges, type TheirChange } from './conflict';
import type { ItemChanges } from './fields';

/**
 * How an attempted save ended: written, dropped in favour of someone else's, refused by the server
 * (a 4xx: the value is not kept), or failed because the server could not be asked (offline, a
 * server error: the draft stays to try again).
 */
export type SaveOutcome = 'saved' | 'discarded' | 'refused' | 'failed';

export interface Conflict {
  /** the item as this person read it before editing */
  base: TItem;
  /** the item as the server has it now */
  current: TItem;
  mine: ItemChanges;
  changes: TheirChange[];
  /** who changed each field, once the history has been read */
  authors: Map<string, string> | null;
}

export type SaveItem = (changes: ItemChanges, base: TItem, options?: { override?: boolean }) => Promise<SaveOutcome>;

/**
 * Saves edits of one item against the version its editor read. A 409 never overwrites: the save
 * waits while the person sees what changed and chooses to keep theirs (sent again on the new
 * version) or take the other person's. A refused state change (WIP limit, Definition of
 * Ready/Done) says why, and offers "Move anyway" to those who may override.
 *
 * This page's own saves go one after another, each on the version the one before it wrote: a label
 * added on blur and the click on Blocked that caused the blur are two edits by one person, never a
 * conflict with themselves.
 */
export function useItemSave(itemKey: string, canOverride: boolean) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const settle = useRef<((outcome: SaveOutcome) => void) | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** versions this page wrote itself */
  const own = useRef(new Set<number>());

  const send: SaveItem = useCallback(
    async (changes, base, options = {}) => {
      try {
        const body = { ...changes, version: base.version, ...(options.override ? { override: true } : {}) } as TUpdateItemRequest;
        const updated = await itemsApi.update(itemKey, body);
        own.current.add(updated.version);
        queryClient.setQueryData(keys.item(itemKey), updated);
        return 'saved';
      } catch (e) {
        if (isApiError(e) && e.status === 409 && e.current) {
          const current = e.current as TItem;
          queryClient.setQueryData(keys.item(itemKey), current);
          setConflict({ base, current, mine: changes, changes: theirChanges(base, current, changes), authors: null });
          void itemPartsApi
            .history(itemKey, undefined, 30)
            .then((page) =>
              setConflict((c) =>
                c && c.current === current ? { ...c, authors: authorsOf(page.items as TActivity[], base.updatedAt) } : c,
              ),
            )
            .catch(() => setConflict((c) => (c && c.current === current ? { ...c, authors: new Map() } : c)));
          return new Promise<SaveOutcome>((resolve) => {
            settle.current = resolve;
          });
        }
        if (isApiError(e) && e.code === 'rule_violation' && 'stateId' in changes) {
          toast(errorMessage(e), {
            kind: 'error',
            action: canOverride
              ? {
                  label: 'Move anyway',
                  run: () => void send(changes, queryClient.getQueryData<TItem>(keys.item(itemKey)) ?? base, { override: true }),
                }
              : undefined,
          });
          return 'failed';
        }
        toast(`Not saved: ${errorMessage(e)}`, { kind: 'error' });
        return isApiError(e) && e.status >= 400 && e.status < 500 ? 'refused' : 'failed';
      }
    },
    [itemKey, queryClient, toast, canOverride],
  );

  const save: SaveItem = useCallback(
    (changes, base, options) => {
      const run = queue.current.then(() => {
        // Written by this page since the editor read it: the newer copy is the base, not a conflict.
        const latest = queryClient.getQueryData<TItem>(keys.item(itemKey));
        const rebased = latest && latest.version > base.version && own.current.has(latest.version) ? latest : base;
        return send(changes, rebased, options);
      });
      queue.current = run.catch(() => undefined);
      return run;
    },
    [itemKey, queryClient, send],
  );

  const finish = (outcome: SaveOutcome) => {
    const resolve = settle.current;
    settle.current = null;
    setConflict(null);
    resolve?.(outcome);
  };

  /** Sends this person's values again, on top of the version the server has now. */
  const keepMine = () => {
    if (!conflict) return;
    const { mine, current } = conflict;
    const resolve = settle.current;
    settle.current = null;
    setConflict(null);
    // Should a third person have changed it meanwhile, this opens the dialog again and resolves after it.
    // Sent directly: the queue is waiting for this very conflict to settle.
    void send(mine, current).then((outcome) => resolve?.(outcome));
  };

  const takeTheirs = () => finish('discarded');

  return { save, conflict, keepMine, takeTheirs };
}
