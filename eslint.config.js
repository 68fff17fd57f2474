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
  // The server runs from dist/ where path aliases do not exist; the aliases are for the web app and tests.
  // (Set first: a layer's rule below replaces this one for its files, so each layer repeats '@ordo/*'.)
  boundary('src', ['@ordo/*'], 'inside src/, import the contract and domain by relative path'),
  // The layers of DESIGN.md: imports point down only.
  boundary(
    'src/domain',
    ['@ordo/*', '**/db/**', '**/services/**', '**/http/**', '**/realtime/**', '**/cli/**', 'kysely', 'fastify', 'pg', 'better-sqlite3'],
    'domain is pure: no I/O, nothing above it',
  ),
  boundary(
    'src/contract',
    ['@ordo/*', '**/db/**', '**/services/**', '**/http/**', '**/realtime/**', '**/cli/**'],
    'the contract is shared with the web app; it may use only the domain',
  ),
  boundary('src/services', ['@ordo/*', '**/http/**', '**/cli/**', 'fastify'], 'services never see HTTP'),
  boundary('src/db', ['@ordo/*', '**/services/**', '**/http/**', '**/cli/**'], 'db sits below services'),
  boundary(
    'web/src',
    ['**/src/**', '@ordo/domain/forecast', '@ordo/domain/flow'],
    'the web app talks only to the HTTP API: it imports the contract as @ordo/contract and pure domain rules as @ordo/domain/*',
  ),
);
