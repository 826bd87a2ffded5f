/**
 * Setup file of the `postgres` Vitest project: gives the test file a fresh, migrated PostgreSQL
 * database, which `setTestAppEnv` (test/app-env.ts) passes to the app as `DATABASE_URL`.
 */
import { freshTestDatabaseUrl } from '@/test/databases';

process.env.TEST_FILE_DATABASE_URL = await freshTestDatabaseUrl({ migrated: true });
