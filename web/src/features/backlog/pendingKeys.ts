/**
 * Items with a change of ours still in flight. Events about them are held back until the change
 * settles, so a row the owner just moved does not jump back to where an earlier event put it.
 */
export class PendingKeys {
  private readonly counts = new Map<string, number>();
  add(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  delete(key: string) {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
  has(key: string) {
    return this.counts.has(key);
  }
}
