/**
 * Throwaway PostgreSQL databases for load tests and benchmarks: created on the server of an admin
 * URL (a role that may CREATE DATABASE, e.g. TEST_DATABASE_URL) and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export type ScratchDatabase = { url: string; drop: () => Promise<void> };

/**
 * Creates an empty database named `<prefix>_<random>` next to `adminUrl`'s database.
 * @throws the server's error when the role may not create databases or the server is unreachable.
 */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
