import type { TNotification } from '@ordo/contract';

const MAX_BACKOFF_MS = 30_000;

export interface UserStreamHandlers {
  /** a notification arrived (each once, in order) */
  onNotification(n: TNotification): void;
  /** the unread count as the server counts it now */
  onUnread(unread: number): void;
  /** the server's numbers are behind ours (a restored database): reload what is cached */
  onReset(): void;
}

/**
 * The signed-in person's own event stream (/api/me/events): their notifications across every
 * product, for the bell and the inbox. Like a product's stream it resumes after the last number it
 * delivered, reconnecting by itself with a growing pause, so nothing is lost while offline.
 */
export class UserStream {
  private source: EventSource | null = null;
  private lastId: number | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly handlers: UserStreamHandlers) {
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    window.removeEventListener('online', this.onOnline);
  }

  private open() {
    if (this.closed) return;
    // The first connection starts from now: what came before is read from the list endpoint.
    const source = new EventSource(this.lastId === null ? '/api/me/events' : `/api/me/events?after=${this.lastId}`);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
    };
    source.addEventListener('notification', (e) => {
      const id = Number((e as MessageEvent).lastEventId);
      if (Number.isFinite(id) && this.lastId !== null && id <= this.lastId) return;
      if (Number.isFinite(id)) this.lastId = id;
      try {
        this.handlers.onNotification(JSON.parse((e as MessageEvent).data) as TNotification);
      } catch {
        // A malformed event is skipped; the list endpoint still has it.
      }
    });
    source.addEventListener('unread', (e) => {
      // Carries the last number the server sent: the resume point before any notification arrives.
      const id = Number((e as MessageEvent).lastEventId);
      if ((e as MessageEvent).lastEventId !== '' && Number.isFinite(id)) this.lastId = Math.max(this.lastId ?? 0, id);
      try {
        this.handlers.onUnread((JSON.parse((e as MessageEvent).data) as { unread: number }).unread);
      } catch {
        // ignored: the next count corrects it
      }
    });
    source.addEventListener('reset', (e) => {
      const id = Number((e as MessageEvent).lastEventId);
      if (Number.isFinite(id)) this.lastId = id;
      this.handlers.onReset();
    });
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = null;
      this.failures += 1;
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private readonly onOnline = () => {
    if (this.source || this.closed) return;
    clearTimeout(this.retryTimer);
    this.open();
  };
}
