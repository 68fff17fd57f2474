/**
 * A stable number in [0, 1) for an item key, to spread dots that share a day or a column
 * without moving them on every redraw.
 */
export function spread(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 1000) / 1000;
}
