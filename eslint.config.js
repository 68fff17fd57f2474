import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const boundary = (from, forbidden, message) => ({
  files: [`${from}/**/*.ts`, `${from}/**/*.tsx`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

const WEB_FORBIDDEN = ['**/src/**', '@ordo/domain/forecast', '@ordo/domain/flow'];
const WEB_MESSAGE =
  'the web app talks only to the HTTP API: it imports the contract as @ordo/contract and pure domain rules as @ordo/domain/*';
const FEATURE_MESSAGE =
  "import another feature through its index.ts ('../board'), not its internals; move what features share to web/src/ui or a shared feature";

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
  boundary('web/src', WEB_FORBIDDEN, WEB_MESSAGE),
  // A feature folder uses another feature only through that feature's index.ts (its public parts),
  // never its internals: what two features share lives in web/src/ui or in a feature of its own.
  // (This entry replaces the web/src one for feature files, so it repeats its patterns.)
  {
    files: ['web/src/features/**/*.ts', 'web/src/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...WEB_FORBIDDEN.map((group) => ({ group: [group], message: WEB_MESSAGE })),
            { regex: '^\\.\\./[^./][^/]*/.', message: FEATURE_MESSAGE },
            { regex: '^(\\.\\./)+features/[^/]+/.', message: FEATURE_MESSAGE },
          ],
        },
      ],
    },
  },
);
