/** One Server-Sent Event as a browser's EventSource would dispatch it. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * A minimal EventSource over fetch, so tests can set headers (Bearer, Last-Event-ID), read the
 * `retry` field and drop the connection at a moment of their choosing.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  retry: number | null = null;
  comments = 0;
  ended = false;
  private readonly waiters = new Set<() => void>();
  private consumed = 0;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  /** Connects; rejects unless the server answers 200 text/event-stream. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (response.status !== 200) {
      const body = await response.text();
      throw new Error(`event stream answered ${response.status}: ${body}`);
    }
    const client = new SseClient(response, abort);
    void client.read();
    return client;
  }

  /** The next `n` events not yet taken, waiting up to `timeoutMs` for them to arrive. */
  async take(n: number, timeoutMs = 5_000): Promise<SseEvent[]> {
    await this.until(() => this.events.length - this.consumed >= n, timeoutMs, `${n} event(s)`);
    const taken = this.events.slice(this.consumed, this.consumed + n);
    this.consumed += n;
    return taken;
  }

  /** The next `activity` events, parsed. */
  async activities(n: number, timeoutMs = 5_000): Promise<Array<{ id: number; action: string; entityType: string; [k: string]: unknown }>> {
    const events = await this.take(n, timeoutMs);
    return events.map((e) => {
      if (e.event !== 'activity') throw new Error(`expected an activity event, got ${e.event}`);
      const data = JSON.parse(e.data);
      if (String(data.id) !== e.id) throw new Error(`event id ${e.id} does not match its activity ${data.id}`);
      return data;
    });
  }

  /** Events received but not taken yet. */
  get pending(): SseEvent[] {
    return this.events.slice(this.consumed);
  }

  /** Waits until a condition on the stream holds. */
  async until(check: () => boolean, timeoutMs: number, what = 'the stream'): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; have ${JSON.stringify(this.pending)}`));
      }, timeoutMs);
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read() {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
        for (const wake of [...this.waiters]) wake();
      }
    } catch {
      // aborted by close(), or the server went away
    }
    this.ended = true;
    for (const wake of [...this.waiters]) wake();
  }

  private dispatch(block: string) {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields++;
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') this.retry = Number(value);
    }
    if (fields > 0 && data.length > 0) this.events.push({ id, event, data: data.join('\n') });
  }
}
