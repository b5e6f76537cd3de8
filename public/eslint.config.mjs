// @ts-check
// The web interface's scripts run in the browser as ES modules (ESLint 10 picks the nearest config).
import eslint from '@eslint/js';

const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'history',
    'navigator',
    'localStorage',
    'fetch',
    'console',
    'URL',
    'URLSearchParams',
    'Node',
    'CustomEvent',
    'Intl',
    'setTimeout',
    'clearTimeout',
  ].map((name) => [name, 'readonly']),
);

export default [
  { ignores: ['vendor/', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: browserGlobals },
  },
];
