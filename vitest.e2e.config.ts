import { defineConfig } from 'vitest/config';

/** End-to-end: Chromium against a real `ordo serve` per file, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/support/build-web.ts'],
    setupFiles: ['test/e2e/support/setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every answer the browser gets is checked against the contract; passwords at a test cost (src/services/passwords.ts).
    env: { ORDO_VALIDATE_RESPONSES: '1', ORDO_TEST_SCRYPT_N: '1024' },
    // A browser and a server on a busy two-core machine: polls wait for what a person would see.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
