import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

const config = [
  { ignores: ['node_modules/**', 'tools/*/node_modules/**', '.next/**', '.data/**', '.localnet/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...compat.extends('next/core-web-vitals', 'next/typescript'),
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Use the @/ alias.' }] }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/components/*', 'react', 'react-dom'], message: 'lib/ knows nothing of React or components.' }, { group: ['../../*'], message: 'Use the @/ alias.' }] }],
    },
  },
  {
    // One browser API client (lib/api/client.ts, README "Browser API client"): pages and components
    // never call fetch themselves, so every answer is zod-checked and every error has a code.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the API through lib/api/client.ts (requestJson or a named function there).' },
        { name: 'XMLHttpRequest', message: 'Call the API through lib/api/client.ts.' },
      ],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].map((object) => ({ object, property: 'fetch', message: 'Call the API through lib/api/client.ts.' })),
      ],
    },
  },
  {
    // Every user-facing string comes from messages/{en,ko}.json (next-intl): a literal text child in
    // a public page or component fails the lint (token tickers and punctuation excepted). The ops
    // console is operators-only, English-only.
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    ignores: ['app/ops/**', 'components/ops/**'],
    rules: {
      'react/jsx-no-literals': ['error', { noStrings: false, ignoreProps: true, allowedStrings: ['AI16Z', 'ELIZAOS', 'SOL', '#', '(#', '✓', '✗', '!', '·', ':', ': ', '—', '–', '(', ')', '.', ',', '/', '→', '…', '×'] }],
    },
  },
];

export default config;
