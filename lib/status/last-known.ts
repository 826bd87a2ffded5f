import 'server-only';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { errorMessage, log } from '@/lib/observability/log';

/**
 * The last known good state of what the public pages show (incidents, exchanges, totals, the
 * drainer list), so status, FAQ, guides, security and the incident banner keep rendering through
 * a database outage (DESIGN.md "Database outage"): every successful read is kept in memory and,
 * at most every {@link DISK_EVERY_MS} or when it changed, on disk (`STATUS_CACHE_DIR`, one JSON
 * file per key, written atomically); a failed read answers the kept value with the time it was
 * read (`asOf`), shown as "as of <time>". An instance that restarts during an outage starts from
 * the disk copy. After a failure, reads wait {@link RETRY_MS} before trying the database again, so
 * an unreachable server does not cost every page its connection timeout.
 */
export type Known<T> = { value: T; asOf: Date; stale: boolean };

const DISK_EVERY_MS = 10_000;
const RETRY_MS = 3_000;

type Entry = { value: unknown; asOf: number; json: string; writtenAt: number };
const KEY = Symbol.for('elizaos-migration.last-known');
type State = { entries: Map<string, Entry>; failedAt: number };
function state(): State {
  const holder = globalThis as { [KEY]?: State };
  holder[KEY] ??= { entries: new Map(), failedAt: 0 };
  return holder[KEY];
}

/** JSON with Dates and bigints kept as such (`{"$date": …}`, `{"$bigint": …}`). */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const original = this[key];
    if (original instanceof Date) return { $date: original.toISOString() };
    if (typeof original === 'bigint') return { $bigint: original.toString() };
    return v;
  });
}
function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && typeof (v as { $date?: unknown }).$date === 'string') return new Date((v as { $date: string }).$date);
      if (keys.length === 1 && typeof (v as { $bigint?: unknown }).$bigint === 'string') return BigInt((v as { $bigint: string }).$bigint);
    }
    return v;
  });
}

const fileOf = (key: string) => path.resolve(getConfig().statusCacheDir, `${key.replace(/[^a-z0-9-]/gi, '_')}.json`);

function writeDisk(key: string, entry: Entry): void {
  try {
    const file = fileOf(key);
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ asOf: new Date(entry.asOf).toISOString(), value: entry.json })}\n`);
    renameSync(temporary, file);
    entry.writtenAt = Date.now();
  } catch (error) {
    log('status').warn({ event: 'status.cache_write_failed', key, error: errorMessage(error) }, 'the last known state could not be written to disk');
  }
}

function readDisk(key: string): Entry | null {
  try {
    const stored = JSON.parse(readFileSync(fileOf(key), 'utf8')) as { asOf: string; value: string };
    return { value: decode(stored.value), asOf: Date.parse(stored.asOf), json: stored.value, writtenAt: Date.now() };
  } catch {
    return null;
  }
}

/**
 * `read()` now, kept as the last known good value of `key`; when it fails, the kept value (memory,
 * else disk) with `stale: true`.
 * @throws the read's error when nothing was ever kept for `key`.
 */
export async function lastKnown<T>(key: string, read: () => Promise<T>, now = Date.now()): Promise<Known<T>> {
  const s = state();
  const kept = () => s.entries.get(key) ?? readDisk(key);
  if (now - s.failedAt < RETRY_MS) {
    const entry = kept();
    if (entry) return { value: entry.value as T, asOf: new Date(entry.asOf), stale: true };
  }
  try {
    const value = await read();
    const json = encode(value);
    const previous = s.entries.get(key);
    const entry: Entry = { value, asOf: now, json, writtenAt: previous?.writtenAt ?? 0 };
    s.entries.set(key, entry);
    if (s.failedAt !== 0) {
      s.failedAt = 0;
      log('status').info({ event: 'status.live_again', key }, 'the database answers again: live data');
    }
    if (previous?.json !== json || now - entry.writtenAt > DISK_EVERY_MS) writeDisk(key, entry);
    return { value, asOf: new Date(now), stale: false };
  } catch (error) {
    const entry = kept();
    if (s.failedAt === 0) log('status').warn({ event: 'status.serving_last_known', key, error: errorMessage(error) }, 'the database cannot be read: pages show the last known state');
    s.failedAt = now;
    if (!entry) throw error;
    s.entries.set(key, entry);
    return { value: entry.value as T, asOf: new Date(entry.asOf), stale: true };
  }
}

/** The oldest `asOf` of several reads that are stale, or null when all are live (what the "as of" notice shows). */
export function staleSince(...reads: (Known<unknown> | null | undefined)[]): Date | null {
  const stale = reads.filter((r): r is Known<unknown> => !!r && r.stale).map((r) => r.asOf.getTime());
  return stale.length > 0 ? new Date(Math.min(...stale)) : null;
}
