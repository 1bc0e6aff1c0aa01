import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** What the engine may never touch: it must run identically in Node, the worker and tests. */
export const engineRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The engine is pure: no React.' },
        { group: ['d3', 'd3-*'], message: 'The engine is pure: no d3.' },
        { group: ['zustand', 'zustand/*', 'comlink'], message: 'The engine is pure: no store or worker plumbing.' },
        { group: ['**/worker/**', '**/store/**', '**/views/**', '**/commands/**'], message: 'The engine imports only src/engine.' },
        { group: ['node:*', 'fs', 'path', 'os'], message: 'The engine runs in the browser too: no Node built-ins.' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'self', 'navigator', 'localStorage', 'postMessage', 'requestAnimationFrame',
      'setTimeout', 'setInterval', 'performance', 'fetch', 'process'].map((name) => ({
      name,
      message: `The engine is pure and deterministic: no ${name}.`,
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'The engine is seeded: use engine/random.ts.' },
    { object: 'Date', property: 'now', message: 'Time comes from the trace, never the clock.' },
  ],
};

export default defineConfig([
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: engineRestrictions,
  },
  {
    files: ['cli/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts', '*.config.{ts,js}', 'src/**/*.test.ts', 'lint/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
]);
