import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.next/**', 'e2e/**/*.spec.ts', 'tools/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // `server-only` throws outside a React server bundle; unit tests import lib/ directly.
    alias: { 'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)) },
  },
});
