import type { Random } from '../../domain/random.js';
import type { Clock } from '../../services/context.js';

/**
 * A clock moved by hand. Seeders write through the real services under it, so every timestamp
 * and activity row carries the date of the story being told, as if it had happened then.
 */
export class MovableClock implements Clock {
  current: Date;

  constructor(start: Date | number) {
    this.current = new Date(start);
  }

  now() {
    return new Date(this.current);
  }

  /** jumps to a moment */
  set(at: Date | number) {
    this.current = new Date(at);
  }

  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }

  /** a few minutes (3 to 22) pass between one action and the next */
  tick(rng: Random) {
    this.advance((3 + rng.int(20)) * 60_000);
  }
}
