import { afterEach, expect } from 'vitest';
import { takeCspViolations } from './browser.js';

afterEach(() => {
  expect(takeCspViolations(), 'the page broke its Content-Security-Policy').toEqual([]);
});
