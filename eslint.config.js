// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { allowedImports } from './scripts/lint/allowedImports.js';

/** The packages each layer may import; Node's built-ins come from `builtinModules`. */
const layersPlugin = { rules: { 'allowed-imports': allowedImports } };
const allow = (layer, packages, node = false) => ({
  'layers/allowed-imports': ['error', { layer, packages, node }],
});
const TEST_PACKAGES = ['vitest', 'fast-check'];
const SHARED = ['zod', 'socket.io-client', '@math.gl/polygon'];
const RENDERER = [
  'react',
  'react-dom',
  '@deck.gl/core',
  '@deck.gl/layers',
  '@deck.gl/aggregation-layers',
  'hls.js',
  'three',
  'echarts',
];
const MAIN = ['electron', 'zod'];
// Import readers: a maintained CSV parser, GBK/GB18030 decoding, an xlsx reader, JSON positions.
const HUB = [
  'socket.io',
  'zod',
  '@duckdb/node-api',
  '@xmldom/xmldom',
  'csv-parse',
  'iconv-lite',
  'exceljs',
  'jsonc-parser',
];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'release', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    plugins: { layers: layersPlugin },
  },
  { files: ['shared/**/*.ts'], rules: allow('shared/', SHARED) },
  {
    files: TESTS.map((t) => `shared/${t}`),
    rules: allow('shared/ tests', [...SHARED, ...TEST_PACKAGES]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: allow('renderer/', RENDERER),
  },
  {
    files: TESTS.map((t) => `renderer/${t}`),
    rules: allow('renderer/ tests', [...RENDERER, ...TEST_PACKAGES]),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: allow('electron/main', MAIN, true),
  },
  {
    files: TESTS.map((t) => `electron/main/${t}`),
    rules: allow('electron/main tests', [...MAIN, ...TEST_PACKAGES], true),
  },
  { files: ['electron/hub/**/*.ts'], rules: allow('the hub', HUB, true) },
  {
    files: TESTS.map((t) => `electron/hub/${t}`),
    rules: allow('hub tests', [...HUB, 'socket.io-client', ...TEST_PACKAGES], true),
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports neither electron/ nor renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'renderer/ never imports electron/: use window.wall (shared/ipc).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**'],
              message: 'electron/ never imports renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/main/**', '**/preload/**'],
              message: 'The hub is plain Node: no Electron, no renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{ts,mjs,js}', '*.config.{ts,js}', 'renderer/vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tool configuration files are read through their default export.
    files: ['*.config.{ts,js}', 'renderer/vite.config.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
);
