// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins, by bare name and with the node: prefix, for the layers that must not see them. */
const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'url',
  'stream',
  'events',
  'util',
  'worker_threads',
  'readline',
  'zlib',
  'dgram',
  'tls',
  'cluster',
].flatMap((name) => [name, `node:${name}`]);

const noElectron = { name: 'electron', message: 'Only electron/ may import Electron.' };
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'This layer runs in a page: no Node built-ins.',
}));
const noNodePrefix = {
  group: ['node:*'],
  message: 'This layer runs in a page: no Node built-ins.',
};

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
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode, { name: 'react', message: 'shared/ is pure TypeScript.' }],
          patterns: [
            noNodePrefix,
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
          paths: [noElectron, ...noNode],
          patterns: [
            noNodePrefix,
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
          paths: [{ name: 'react', message: 'electron/ never imports React.' }],
          patterns: [
            {
              group: ['**/renderer/**', 'react-dom', 'react-dom/*'],
              message: 'electron/ never imports renderer/ or React.',
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
          paths: [noElectron, { name: 'react', message: 'electron/ never imports React.' }],
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
