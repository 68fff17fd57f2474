import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** Marks the history entry that opening the panel added, so closing it goes back instead of adding another. */
interface PeekState {
  peekOpened?: boolean;
}

/**
 * The peek panel's state lives in the URL (`?peek=PAY-12`), so reload keeps it and Back closes
 * it. Opening adds one history entry; moving to another item while it is open (j/k) replaces
 * it, so Back does not walk through every item looked at; closing goes back to before it opened.
 */
export function usePeek() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const peeked = params.get('peek');
  const opened = !!(location.state as PeekState | null)?.peekOpened;

  const open = useCallback(
    (key: string) => {
      if (key === peeked) return;
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('peek', key);
          return next;
        },
        // The first open adds an entry; another item while open replaces it (keeping its mark).
        peeked ? { replace: true, state: location.state } : { state: { ...(location.state as object), peekOpened: true } },
      );
    },
    [peeked, setParams, location.state],
  );

  const close = useCallback(() => {
    if (!peeked) return;
    if (opened) {
      navigate(-1);
      return;
    }
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('peek');
        return next;
      },
      { replace: true },
    );
  }, [peeked, opened, navigate, setParams]);

  return { peeked, open, close };
}
