import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { TMe } from '@ordo/contract';
import { keys } from '../../api/keys';

/** Where to go after signing in: the page that asked for it, if it is one of ours. */
export function useNextPath(): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  // Only our own paths: an open redirect would let a link send someone elsewhere after sign-in.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** After sign-in or setup: remember who is signed in and go where they were headed. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const next = useNextPath();
  return (me: TMe) => {
    queryClient.setQueryData(keys.me, me);
    queryClient.setQueryData(keys.setup, { needsSetup: false });
    navigate(next, { replace: true });
  };
}
