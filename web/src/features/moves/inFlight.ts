/**
 * What of ours is on its way to the server: moves (per item, counted, since quick moves of one item
 * overlap) and holds without an item (a card in the hand). While anything is on its way, a view
 * keeps events and reloads from putting a moved row back where it was; what it held back is caught
 * up on once, after the last move settles.
 */
export class MovesInFlight {
  private readonly keys = new Map<string, number>();
  private holds = 0;
  private missed = false;

  /** `catchUp` redoes what was held back (a whole-board reload); views that drop held-back events need none. */
  constructor(private readonly catchUp: () => void = () => {}) {}

  hold(keys: readonly string[] = []): void {
    this.holds += 1;
    for (const k of keys) this.keys.set(k, (this.keys.get(k) ?? 0) + 1);
  }

  release(keys: readonly string[] = []): void {
    this.holds = Math.max(0, this.holds - 1);
    for (const k of keys) {
      const n = (this.keys.get(k) ?? 0) - 1;
      if (n > 0) this.keys.set(k, n);
      else this.keys.delete(k);
    }
    if (this.holds === 0 && this.missed) {
      this.missed = false;
      this.catchUp();
    }
  }

  /** A move of this item is on its way: an event about it would show it where it was. */
  has(key: string): boolean {
    return this.keys.has(key);
  }

  get busy(): boolean {
    return this.holds > 0;
  }

  /** Something changed that the view should catch up on: now when nothing is on its way, else after the last move settles. */
  catchUpLater(): void {
    if (this.holds > 0) this.missed = true;
    else this.catchUp();
  }
}
