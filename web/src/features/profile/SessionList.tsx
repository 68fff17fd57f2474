import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { useToast } from '../../ui/Toast';
import { formatDate, since } from '../../ui/time';

/** "Chrome on Linux" from a user agent: enough to tell one's own sessions apart, no library needed. */
export function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown browser';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : /curl\//.test(agent)
            ? 'curl'
            : 'A browser';
  const os = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Mac OS X/.test(agent)
        ? 'macOS'
        : /Windows/.test(agent)
          ? 'Windows'
          : /Linux/.test(agent)
            ? 'Linux'
            : null;
  return os ? `${browser} on ${os}` : browser;
}

/** Where you are signed in; sign any other one out (a lost phone, a shared computer). */
export function SessionList() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const sessions = useQuery({ queryKey: keys.sessions, queryFn: authApi.sessions });
  const end = useMutation({
    mutationFn: authApi.endSession,
    onSuccess: () => {
      toast('Signed out there', { kind: 'success' });
      void queryClient.invalidateQueries({ queryKey: keys.sessions });
    },
    onError: (e) => toast(errorMessage(e), { kind: 'error' }),
  });
  if (sessions.isPending) return <SkeletonRows count={2} />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  return (
    <ul className="session-list">
      {sessions.data.items.map((s) => (
        <li key={s.id}>
          <div>
            <strong>{describeAgent(s.userAgent)}</strong>
            {s.current && <span className="session-current">This browser</span>}
            <div className="faint">
              Signed in {formatDate(s.createdAt)}
              {s.lastSeenAt && !s.current ? ` · last active ${since(s.lastSeenAt)} ago` : ''}
            </div>
          </div>
          {!s.current && (
            <Button size="sm" variant="danger" busy={end.isPending && end.variables === s.id} onClick={() => end.mutate(s.id)}>
              Sign out
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
