import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TReleaseDetail } from '@ordo/contract';
import type { TSprintDetail } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { deliveryApi, deliveryKeys, type PlanTarget } from '../../api/delivery';
import { useToast } from '../../ui/Toast';

/**
 * Adding items to a sprint or release and taking them out. Items on their way disappear from the
 * side they leave at once; the server's answer then replaces the scope.
 */
export function usePlanning(productKey: string, target: PlanTarget) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [leaving, setLeaving] = useState<ReadonlySet<string>>(new Set());
  const detailKey = target.kind === 'sprint' ? deliveryKeys.sprint(productKey, target.id) : deliveryKeys.release(productKey, target.id);
  const mark = (keys: string[], on: boolean) =>
    setLeaving((current) => {
      const next = new Set(current);
      for (const k of keys) {
        if (on) next.add(k);
        else next.delete(k);
      }
      return next;
    });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: detailKey }),
      queryClient.invalidateQueries({ queryKey: deliveryKeys.candidates(productKey, target) }),
      queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey), type: 'inactive' }),
    ]);

  const add = useMutation({
    mutationFn: (keys: string[]): Promise<TSprintDetail | TReleaseDetail> =>
      target.kind === 'sprint' ? deliveryApi.planSprint(target.id, keys) : deliveryApi.planRelease(target.id, keys),
    onMutate: (keys) => mark(keys, true),
    onSuccess: (detail) => queryClient.setQueryData(detailKey, detail),
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
    onSettled: async (_d, _e, keys) => {
      await refresh();
      mark(keys, false);
    },
  });

  const remove = useMutation({
    mutationFn: (key: string) =>
      target.kind === 'sprint' ? deliveryApi.unplanSprint(target.id, key) : deliveryApi.unplanRelease(target.id, key),
    onMutate: (key) => mark([key], true),
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
    onSettled: async (_d, _e, key) => {
      await refresh();
      mark([key], false);
    },
  });

  return { add, remove, leaving };
}
