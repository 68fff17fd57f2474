import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { TMe } from '../../../../src/contract/auth';
import { keys } from '../../api/keys';

/** After sign-in or setup: remember who is signed in and go where they were headed. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (me: TMe) => {
    queryClient.setQueryData(keys.me, me);
    queryClient.setQueryData(keys.setup, { needsSetup: false });
    const next = params.get('next');
    // Only our own paths: an open redirect would let a link send someone elsewhere after sign-in.
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
}
