import type { Harness } from '../../support/harness.js';
import type { Row } from './walk.js';

/** The portfolio is the caller's own view across products (test/integration/portfolio.test.ts checks who sees what). */
export function rows(_h: Harness): Row[] {
  return [];
}

export const unscoped = ['GET /api/portfolio'];
