// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import zones: the table of DESIGN.md §4, enforced. Each layer lists what it may never import. */
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'net', 'crypto', 'worker_threads', 'url', 'stream'];
const layer = (regex, message) => ({ regex, message });
const DB = layer('(^|/)db/', 'the database is opened by core only');
const CORE = layer('(^|/)electron/core/|^\\.\\./core/|^\\.\\./\\.\\./core/', 'core runs in its own process: talk to it through the contract');
const CONNECTOR = layer('(^|/)connector/', 'the connector is its own process');
const MAIN = layer('(^|/)main/', 'Electron main is its own process');
const WEB_HOST = layer('(^|/)web-host/', 'the web host is its own process');
const RENDERER = layer('(^|/)renderer/', 'the renderer is a browser page');
const HUB = layer('(^|/)hub/', 'the hub is the team service: desks reach it over HTTPS');
const PRELOAD = layer('(^|/)preload/', 'preload only hands over the port');

function zone(files, { paths = [], patterns = [] }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: paths.map((name) => ({ name, message: `not allowed in ${files[0]}` })),
          patterns: patterns.map((p) => (typeof p === 'string' ? { group: [p], message: `not allowed in ${files[0]}` } : p)),
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'build/**',
      'node_modules/**',
      'db/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'tmp/**',
      'bench-results/**',
      '.bench-cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'use named exports' },
        { selector: 'TSEnumDeclaration', message: 'use a string union' },
      ],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      'max-lines': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Playwright fixtures must destructure their dependencies, even none
      'no-empty-pattern': 'off',
    },
  },
  { files: ['*.config.ts', '*.config.js', 'renderer/vite.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['renderer/src/**/*'], languageOptions: { globals: { ...globals.browser } } },
  zone(['electron/shared/**'], {
    paths: ['electron', 'better-sqlite3', 'react', 'ws', ...NODE_BUILTINS.filter((n) => !n.includes('*'))],
    patterns: ['node:*', 'drizzle-orm*', 'react*', DB, CORE, CONNECTOR, MAIN, WEB_HOST, RENDERER, PRELOAD, HUB],
  }),
  zone(['db/**'], { paths: ['electron', 'react', 'ws'], patterns: ['react*', CORE, CONNECTOR, MAIN, WEB_HOST, RENDERER, PRELOAD, HUB] }),
  zone(['electron/core/**'], { paths: ['electron', 'react', 'ws'], patterns: ['react*', CONNECTOR, MAIN, WEB_HOST, RENDERER, PRELOAD, HUB] }),
  zone(['electron/connector/**'], {
    paths: ['electron', 'better-sqlite3', 'react'],
    patterns: ['drizzle-orm*', 'react*', DB, CORE, MAIN, WEB_HOST, RENDERER, PRELOAD, HUB],
  }),
  zone(['electron/main/**'], {
    paths: ['better-sqlite3', 'react'],
    patterns: ['drizzle-orm*', 'react*', DB, CORE, CONNECTOR, WEB_HOST, RENDERER, PRELOAD, HUB],
  }),
  zone(['electron/preload/**'], {
    paths: ['better-sqlite3', 'react', ...NODE_BUILTINS.filter((n) => !n.includes('*'))],
    patterns: ['node:*', 'drizzle-orm*', DB, CORE, CONNECTOR, MAIN, WEB_HOST, RENDERER, HUB],
  }),
  zone(['electron/web-host/**'], {
    paths: ['electron', 'better-sqlite3', 'react'],
    patterns: ['drizzle-orm*', 'react*', DB, CONNECTOR, MAIN, RENDERER, PRELOAD, HUB],
  }),
  zone(['electron/hub/**'], {
    paths: ['electron', 'better-sqlite3', 'react'],
    patterns: ['drizzle-orm*', 'react*', DB, CORE, CONNECTOR, MAIN, WEB_HOST, RENDERER, PRELOAD],
  }),
  zone(['renderer/src/**'], {
    paths: ['electron', 'better-sqlite3', 'ws', ...NODE_BUILTINS.filter((n) => !n.includes('*'))],
    patterns: ['node:*', 'drizzle-orm*', DB, CORE, CONNECTOR, MAIN, WEB_HOST, PRELOAD, HUB],
  }),
);
