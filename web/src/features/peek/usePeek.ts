import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

/** Marks the history entry that opening the panel added, so closing it goes back instead of adding another. */
interface PeekState {
  peekOpened?: boolean;
}

/**
 * What the address bar says right now. A key press can reach a document listener registered by
 * the render before the last one (React runs effects after paint), so open/close decide from the
 * URL and the history entry as they are at the call, never from a closure: a stale "nothing is
 * open" would push a second entry, and Back would then reopen the panel instead of closing it.
 */
function livePeek(): { peeked: string | null; state: unknown } {
  const entry = window.history.state as { usr?: unknown } | null;
  return { peeked: new URLSearchParams(window.location.search).get('peek'), state: entry?.usr ?? null };
}

/**
 * The peek panel's state lives in the URL (`?peek=PAY-12`), so reload keeps it and Back closes
 * it. Opening adds one history entry; moving to another item while it is open (j/k) replaces
 * it, so Back does not walk through every item looked at; closing goes back to before it opened.
 */
export function usePeek() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const peeked = params.get('peek');

  const open = useCallback(
    (key: string) => {
      const now = livePeek();
      if (key === now.peeked) return;
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('peek', key);
          return next;
        },
        // The first open adds an entry; another item while open replaces it (keeping its mark).
        now.peeked ? { replace: true, state: now.state } : { state: { ...(now.state as object), peekOpened: true } },
      );
    },
    [setParams],
  );

  const close = useCallback(() => {
    const now = livePeek();
    if (!now.peeked) return;
    if ((now.state as PeekState | null)?.peekOpened) {
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
  }, [navigate, setParams]);

  /** The item open in the panel at this moment, for handlers that may outlive a render. */
  const current = useCallback(() => livePeek().peeked, []);

  return { peeked, open, close, current };
}
