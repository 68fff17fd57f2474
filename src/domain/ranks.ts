import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Backlog order is a fractional-index string per item: placing an item between two neighbours
 * writes one key strictly between theirs, so a move never renumbers anything else.
 */
export function rankBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function ranksBetween(before: string | null, after: string | null, n: number): string[] {
  return generateNKeysBetween(before, after, n);
}

/** Plain byte order, the same as SQLite's BINARY and PostgreSQL's "C" collation. */
export function compareRanks(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
