import type { TActivity } from '@ordo/contract';

/** What the "● live" indicator shows. */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'offline';

type ActivityListener = (activity: TActivity) => void;

/** Failures in a row before the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER = 3;
const MAX_BACKOFF_MS = 30_000;

/**
 * One product's event stream (/api/products/:key/events). It resumes after the last event it
 * delivered: the browser's own reconnect sends Last-Event-ID, and when the browser gives up (a
 * 401, a proxy error) this class opens a new EventSource with `?after=` the last id, so no event
 * is lost or needs a reload. `onReset` fires when the server says the log is behind what we saw
 * (a restored database): cached data must then be reloaded.
 */
export class ProductStream {
  private source: EventSource | null = null;
  private lastId: number;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly stateListeners = new Set<(s: StreamState) => void>();
  private readonly activityListeners = new Set<ActivityListener>();
  state: StreamState = 'connecting';

  constructor(
    readonly productKey: string,
    after: number,
    private readonly onReset: () => void,
  ) {
    this.lastId = after;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.open();
  }

  onActivity(listener: ActivityListener): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  onState(listener: (s: StreamState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.stateListeners.clear();
    this.activityListeners.clear();
  }

  private open() {
    if (this.closed) return;
    const source = new EventSource(`/api/products/${encodeURIComponent(this.productKey)}/events?after=${this.lastId}`);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.setState('live');
    };
    source.addEventListener('activity', (e) => {
      const id = Number((e as MessageEvent).lastEventId);
      // A resumed stream may repeat what was already delivered; each event is applied once.
      if (Number.isFinite(id) && id <= this.lastId) return;
      if (Number.isFinite(id)) this.lastId = id;
      let activity: TActivity;
      try {
        activity = JSON.parse((e as MessageEvent).data) as TActivity;
      } catch {
        return;
      }
      for (const listener of this.activityListeners) listener(activity);
    });
    source.addEventListener('reset', (e) => {
      const id = Number((e as MessageEvent).lastEventId);
      if (Number.isFinite(id)) this.lastId = id;
      this.onReset();
    });
    source.onerror = () => {
      if (this.source !== source) return;
      // Reconnect ourselves so the resume point is always our own last id and the backoff grows.
      source.close();
      this.source = null;
      this.failures += 1;
      this.setState(this.failures >= OFFLINE_AFTER || !navigator.onLine ? 'offline' : 'reconnecting');
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private readonly onOnline = () => {
    if (this.source || this.closed) return;
    clearTimeout(this.retryTimer);
    this.setState('reconnecting');
    this.open();
  };

  private readonly onOffline = () => this.setState('offline');

  private setState(state: StreamState) {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
