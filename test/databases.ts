/**
 * Databases for integration tests. Every file runs against the embedded PGlite (`memory://`); the
 * `postgres` Vitest project (vitest.config.ts) runs the database suites again against PostgreSQL,
 * which needs `TEST_DATABASE_URL` (a role allowed to CREATE DATABASE): each call of
 * `freshTestDatabaseUrl` then creates an empty database of its own, dropped when the file ends.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { openDatabase } from '@/lib/db/client';

/** `postgres` inside the PostgreSQL project, else `pglite`. */
export const testDatabaseKind = (): 'pglite' | 'postgres' => (process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite');

const created: { admin: string; name: string }[] = [];
let dropRegistered = false;

/**
 * A new, empty database for one test: `memory://` on PGlite; on PostgreSQL a database created on
 * the `TEST_DATABASE_URL` server, migrated when `migrated` (the app checks, and never applies,
 * migrations on PostgreSQL), and dropped after the file.
 *
 * @throws Error when the PostgreSQL project runs without TEST_DATABASE_URL or the server refuses.
 */
export async function freshTestDatabaseUrl(options: { migrated?: boolean } = {}): Promise<string> {
  if (testDatabaseKind() === 'pglite') return 'memory://';
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL test project cannot run');
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const { Client } = await import('pg');
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  created.push({ admin, name });
  if (!dropRegistered) {
    dropRegistered = true;
    afterAll(dropCreated, 60_000);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  if (options.migrated) await (await openDatabase(url.toString(), { migrate: true })).close();
  return url.toString();
}

async function dropCreated(): Promise<void> {
  const { Client } = await import('pg');
  for (const { admin, name } of created.splice(0)) {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      // FORCE: the app's own pool in this test process may still hold connections.
      await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  }
}

/**
 * The database's own refusal text for a statement expected to fail (drizzle wraps the driver's
 * error as the `cause` of its query error).
 * @throws Error when the statement succeeded.
 */
export async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error('expected the database to refuse');
}
