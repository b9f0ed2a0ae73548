// Lint for the whole repository. Besides the usual rules it enforces where code runs:
// the renderer cannot import Node or Electron, main cannot import the renderer, shared code imports no runtime.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', 'release/**', '.tmp/**', '.data/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Dead private fields and methods, `private` ones too (the core rule sees only `#name`, and must be off beside it).
      'no-unused-private-class-members': 'off',
      '@typescript-eslint/no-unused-private-class-members': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx}', 'desktop/test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [...nodeBuiltins, 'electron', '**/main/**', '**/preload/**'].map((group) => ({
            group: [group],
            message: 'The renderer runs in a sandboxed web page: no Node, no Electron, no main-process code.',
          })),
        },
      ],
    },
  },
  {
    files: ['desktop/src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', 'react', 'react-dom'],
              message: 'Main-process code cannot import renderer code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['desktop/src/shared/**/*.ts', 'protocol/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins,
            'electron',
            'react',
            'react-dom',
            '**/main/**',
            '**/renderer/**',
            '**/preload/**',
          ].map((group) => ({ group: [group], message: 'Shared contracts import no runtime: zod only.' })),
        },
      ],
    },
  },
  {
    files: ['desktop/src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...nodeBuiltins, '**/renderer/**', '**/main/**'].map((group) => ({
            group: [group],
            message: 'The sandboxed preload may only import electron and shared contracts.',
          })),
        },
      ],
    },
  },
);
