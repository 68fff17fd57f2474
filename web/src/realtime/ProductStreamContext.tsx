import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { TActivity } from '@ordo/contract';
import { keys } from '../api/keys';
import { applyActivity } from './cacheEffects';
import { ProductStream, type StreamState } from './ProductStream';

const StreamContext = createContext<ProductStream | null>(null);

/**
 * Opens the one event stream of the product on screen, from the event number its data was read
 * at, and closes it when the user leaves the product.
 */
export function ProductStreamProvider({
  productKey,
  after,
  children,
}: {
  productKey: string;
  after: number | undefined;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [stream, setStream] = useState<ProductStream | null>(null);
  const ready = after !== undefined;
  // The starting point matters only when the stream opens; later product refetches must not reopen it.
  const start = useRef<{ productKey: string; after: number } | null>(null);
  if (ready && start.current?.productKey !== productKey) start.current = { productKey, after };

  useEffect(() => {
    if (!ready) return;
    const s = new ProductStream(productKey, start.current?.after ?? 0, () => {
      void queryClient.invalidateQueries({ queryKey: keys.product(productKey) });
      void queryClient.invalidateQueries({ queryKey: keys.itemLists(productKey) });
      void queryClient.invalidateQueries({ queryKey: keys.board(productKey) });
    });
    const off = s.onActivity((a) => applyActivity(queryClient, a));
    setStream(s);
    return () => {
      off();
      s.close();
      setStream(null);
    };
  }, [productKey, ready, queryClient]);

  return <StreamContext.Provider value={stream}>{children}</StreamContext.Provider>;
}

const noop = () => () => {};

/** The open product's stream state, for the live indicator; null outside a product. */
export function useStreamState(): StreamState | null {
  const stream = useContext(StreamContext);
  return useSyncExternalStore(stream ? (cb) => stream.onState(cb) : noop, () => stream?.state ?? null);
}

/**
 * Calls `handler` with each activity of the open product, for pages that patch what they show
 * (the backlog's rows, the board's cards) instead of reloading it.
 */
export function useActivity(handler: (activity: TActivity) => void) {
  const stream = useContext(StreamContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => stream?.onActivity((a) => latest.current(a)), [stream]);
}
