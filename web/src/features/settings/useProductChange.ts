import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { useToast } from '../../ui/Toast';

/**
 * A settings change: on success the product is reloaded; a refusal is said in a toast, and a
 * version conflict reloads what the other person saved.
 */
export function useProductChange<V, R>(
  productKey: string,
  fn: (v: V) => Promise<R>,
  opts: { success?: string; /** the form shows the error itself */ inline?: boolean } = {},
) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      if (opts.success) toast(opts.success, { kind: 'success' });
    },
    onError: (e) => {
      const conflict = isApiError(e) && e.status === 409;
      if (opts.inline && !conflict) return;
      toast(conflict ? 'Someone else changed this meanwhile; their version is shown now' : errorMessage(e), { kind: 'error' });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.product(productKey) }),
  });
}
