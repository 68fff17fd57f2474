/**
 * A small seeded pseudo-random generator (mulberry32), so a forecast made twice from the same data
 * gives the same answer, a test of it is never flaky, and the demo data is the same every time.
 * Its 32-bit state is plenty for ten thousand trials; it is not for anything secret.
 */
export class Random {
  private state = 0;

  constructor(seed: number) {
    this.reset(seed);
  }

  /**
   * A stream that starts at `state` itself rather than at the scrambled seed: the benches' bulk
   * data was generated from such streams, and starting them this way keeps that data the same.
   */
  static fromState(state: number): Random {
    const random = new Random(0);
    random.state = state | 0;
    return random;
  }

  /** Restarts the stream; the same seed always replays the same numbers. */
  reset(seed: number) {
    this.state = scramble(seed);
  }

  /** uniform in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    return mulberry(this.state);
  }

  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** true with probability p */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
}

/** The output function of mulberry32 for one state; exported so hot loops can inline the stream. */
export function mulberry(state: number): number {
  let z = Math.imul(state ^ (state >>> 15), 1 | state);
  z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

/** Spreads nearby seeds (1, 2, 3, …) far apart, so consecutive streams do not start alike. */
export function scramble(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** A 32-bit seed from numbers and strings (FNV-1a), for generators that must repeat given the same inputs. */
export function seedFrom(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
