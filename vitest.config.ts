import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@ordo/contract': fileURLToPath(new URL('./src/contract/index.ts', import.meta.url)),
      '@ordo/domain': fileURLToPath(new URL('./src/domain', import.meta.url)),
    },
  },
  test: {
    // web/test: the web app's pure modules, type-checked with the DOM lib by web/tsconfig.json.
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'web/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every answer, in-process or from a spawned `ordo serve`, is checked against the contract.
    // Passwords are hashed at a test cost (src/services/passwords.ts): hundreds of users at 128 MiB each would take minutes.
    env: { ORDO_VALIDATE_RESPONSES: '1', ORDO_TEST_SCRYPT_N: '1024' },
  },
});
