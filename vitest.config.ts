import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)) };
// `server-only` throws outside a React server bundle; unit tests import lib/ directly.
const testAlias = { 'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)) };
const shared = { environment: 'node' as const, testTimeout: 30_000, hookTimeout: 30_000, alias: testAlias };

/**
 * The database suites, run a second time against PostgreSQL (TEST_DATABASE_URL: a role that may
 * CREATE DATABASE; each file gets a database of its own, see test/databases.ts).
 */
const POSTGRES_SUITES = ['lib/db/client.test.ts', 'lib/migration/snapshot.test.ts', 'lib/ops/ops-db.test.ts', 'lib/migration/service-db.test.ts', 'lib/migration/transitions-db.test.ts', 'lib/security/rate-limit.test.ts', 'lib/observability/figures-db.test.ts'];

const projects: TestProjectInlineConfiguration[] = [
  {
    resolve: { alias },
    test: { ...shared, name: 'pglite', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '.next/**', 'e2e/**/*.spec.ts', 'tools/**'] },
  },
];

if (process.env.TEST_DATABASE_URL) {
  projects.push({
    resolve: { alias },
    test: { ...shared, name: 'postgres', include: POSTGRES_SUITES, setupFiles: ['test/postgres-file-database.ts'], env: { TEST_DB_KIND: 'postgres' } },
  });
} else if (process.env.CI === 'true') {
  // On CI the PostgreSQL runs are part of the suite: without a database they must fail, not vanish.
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL integration suites cannot run (.ci/run sets it up).');
} else {
  console.warn(
    '\n!!! TEST_DATABASE_URL is not set: the PostgreSQL integration suites are SKIPPED (PGlite only).\n' +
      '!!! Set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db (a role with CREATEDB) to run them.\n',
  );
}

export default defineConfig({ resolve: { alias }, test: { projects } });
