import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../ui/ErrorState';
import { FrameSkeleton } from '../frame';
import { useSetupStatus } from './useSetupStatus';

/** Everything inside needs a signed-in user; others go to sign-in (or first-run setup) and come back. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const setup = useSetupStatus(me.data === null);
  if (me.isPending) return <FrameSkeleton />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    if (setup.isPending) return <FrameSkeleton />;
    if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  return <Outlet />;
}
