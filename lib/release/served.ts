import 'server-only';
/**
 * The signed manifest this server serves at `/.well-known/migration-manifest.json`.
 *
 * Where things come from: the file list, commit and build time from the build
 * (`.next/release-files.json`, checked against the files on disk at start-up); the public
 * parameters from this server's configuration; the snapshot root from the commitment in its
 * database (read again at most every few seconds, so a snapshot import shows up). The result is
 * either signed here (RELEASE_SIGNING_KEY) or a manifest signed offline by `npm run manifest`,
 * served only when it states exactly this (lib/release/resolve.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { ApiError } from '@/lib/http/errors';
import { type BuildRecord, diffAgainstDisk, readBuildRecord } from '@/lib/release/build-files';
import { canonicalJson } from '@/lib/release/canonical-json';
import type { SignedManifest } from '@/lib/release/manifest';
import { assembleManifest, manifestParameters } from '@/lib/release/parameters';
import { resolveServedManifest } from '@/lib/release/resolve';
import { latestCommitment } from '@/lib/snapshot/commitment';
import { log } from '@/lib/observability/log';

/** `npm run manifest` writes the offline-signed manifest here. */
export const PRESIGNED_FILE = 'migration-manifest.signed.json';
/** How long a read of the snapshot commitment is reused, ms. */
const SNAPSHOT_TTL_MS = 5_000;

type ReleaseState = {
  record: BuildRecord | null;
  /** Why there is no usable build record (missing file, or files changed since the build). */
  problem: string | null;
  presigned: unknown;
  served: { canonical: string; signed: SignedManifest } | null;
  snapshot: { at: number; value: Awaited<ReturnType<typeof latestCommitment>> } | null;
};

// On globalThis: instrumentation and each route bundle may get their own copy of this module.
const KEY = Symbol.for('elizaos-migration.release');
type Holder = { [KEY]?: ReleaseState };

/** What start-up found; `fatal` problems stop the server (the files are not the build's). */
export type ReleaseStartup = { fatal: string[]; warnings: string[] };

/**
 * Reads the build record and the pre-signed manifest once, and checks that the files Next will
 * serve are exactly those the build listed. Called at start-up (instrumentation-node.ts).
 */
export function prepareRelease(nextDir = path.join(process.cwd(), '.next')): ReleaseStartup {
  const state: ReleaseState = { record: null, problem: null, presigned: null, served: null, snapshot: null };
  (globalThis as Holder)[KEY] = state;
  const fatal: string[] = [];
  const warnings: string[] = [];
  try {
    const record = readBuildRecord(nextDir);
    const differences = diffAgainstDisk(record, nextDir);
    if (differences.length > 0) {
      state.problem = `${differences.length} file(s) under .next/static differ from the build's list`;
      fatal.push(
        `.next/static differs from the list the build wrote (${differences
          .slice(0, 5)
          .map((d) => `${d.path} ${d.problem}`)
          .join('; ')}${differences.length > 5 ? '; …' : ''}): these are not the files that were built. Build again with \`npm run build\`.`,
      );
    } else {
      state.record = record;
    }
  } catch (error) {
    state.problem = error instanceof Error ? error.message : String(error);
    warnings.push(`the signed deployment manifest is unavailable: ${state.problem}`);
  }
  const presignedFile = path.join(nextDir, PRESIGNED_FILE);
  if (existsSync(presignedFile)) {
    try {
      state.presigned = JSON.parse(readFileSync(presignedFile, 'utf8')) as unknown;
    } catch {
      fatal.push(`${presignedFile} is not JSON: sign again with \`npm run manifest\``);
    }
  }
  const { release } = getConfig();
  if (state.presigned && !release.publicKey) fatal.push(`RELEASE_PUBLIC_KEY is not set, but ${presignedFile} is present: set it to the release public key`);
  if (!state.presigned && !release.signingKey) warnings.push('no release key: set RELEASE_SIGNING_KEY, or RELEASE_PUBLIC_KEY with a manifest signed by `npm run manifest`');
  return { fatal, warnings };
}

function state(): ReleaseState {
  const holder = globalThis as Holder;
  if (!holder[KEY]) prepareRelease();
  return holder[KEY] as ReleaseState;
}

/**
 * The signed manifest to serve now.
 *
 * @throws ApiError MANIFEST_UNAVAILABLE (503) when there is no build record, no usable key, or
 *   the pre-signed manifest does not describe this server; the reason is logged.
 */
export async function getServedManifest(now = Date.now()): Promise<SignedManifest> {
  const s = state();
  if (!s.record) throw unavailable(s.problem ?? 'the build did not record its files');
  if (!s.snapshot || now - s.snapshot.at > SNAPSHOT_TTL_MS) s.snapshot = { at: now, value: await latestCommitment(await getDb()) };
  const config = getConfig();
  const expected = assembleManifest(s.record, manifestParameters(config, s.snapshot.value));
  const canonical = canonicalJson(expected);
  if (s.served?.canonical === canonical) return s.served.signed;
  const resolved = resolveServedManifest({
    expected,
    presigned: s.presigned,
    signingKey: config.release.signingKey,
    publicKey: config.release.publicKey?.toBase58() ?? null,
  });
  if (!resolved.ok) throw unavailable(resolved.reason);
  s.served = { canonical, signed: resolved.signed };
  return resolved.signed;
}

const logged = new Set<string>();
function unavailable(reason: string): ApiError {
  if (!logged.has(reason)) {
    logged.add(reason);
    log('release').error({ event: 'release.manifest_unavailable', reason }, `the signed deployment manifest is not served: ${reason}`);
  }
  return new ApiError('MANIFEST_UNAVAILABLE', 'The signed deployment manifest is not available on this server right now.', { reason });
}
