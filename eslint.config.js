import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const boundary = (from, forbidden, message) => ({
  files: [`${from}/**/*.ts`, `${from}/**/*.tsx`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'docs/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers of DESIGN.md: imports point down only.
  boundary('src/domain', ['**/db/**', '**/services/**', '**/http/**', '**/realtime/**', '**/cli/**', 'kysely', 'fastify', 'pg', 'better-sqlite3'], 'domain is pure: no I/O, nothing above it'),
  boundary('src/contract', ['**/db/**', '**/services/**', '**/http/**', '**/realtime/**', '**/cli/**'], 'the contract is shared with the web app; it may use only the domain'),
  boundary('src/services', ['**/http/**', '**/cli/**', 'fastify'], 'services never see HTTP'),
  boundary('src/db', ['**/services/**', '**/http/**', '**/cli/**'], 'db sits below services'),
  boundary('web/src', ['**/src/services/**', '**/src/db/**', '**/src/http/**', '**/src/realtime/**', '**/src/cli/**'], 'the web app talks only to the HTTP API and imports only the shared contract'),
);
