import { useMutation } from '@tanstack/react-query';
import type { TRequest } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { requestsApi } from '../../api/team';
import { useToast } from '../../ui/Toast';
import { useRefreshTeamLists } from '../questions';

/** Voting, withdrawing and "+ customer" on a request; lists showing it reload after. */
export function useRequestActions(request: TRequest) {
  const toast = useToast();
  const refresh = useRefreshTeamLists();
  const done = () => refresh(request.productKey, request.item?.key);
  const onError = (e: unknown) => toast(errorMessage(e), { kind: 'error' });
  const vote = useMutation({
    mutationFn: () => (request.voted ? requestsApi.unvote(request.id) : requestsApi.vote(request.id)),
    onSuccess: done,
    onError,
  });
  const addCustomer = useMutation({
    mutationFn: (customer: string) => requestsApi.addCustomer(request.id, customer),
    onSuccess: (_r, customer) => {
      toast(`${customer} added`, { kind: 'success' });
      done();
    },
    onError,
  });
  return { vote, addCustomer };
}
