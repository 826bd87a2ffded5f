/**
 * `npm run manifest -- [--env-file FILE] [--snapshot snapshot.csv] [--out FILE] [--unsigned]`:
 * signs the deployment manifest offline, on the release machine, so the web server never holds
 * the release key (README "Verify this deployment").
 *
 * Inputs are the ones the server itself will state: the build's file list (.next/release-files.json,
 * checked against .next/static), the deployment's environment (parameters), and the snapshot root
 * (from the CSV given, or from the deployment database). Output: .next/migration-manifest.signed.json,
 * which a server configured with RELEASE_PUBLIC_KEY serves only if it states exactly that.
 * `--unsigned` prints the canonical JSON to be signed and needs no key.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, parseEnv } from '@/lib/config/env';
import { openDatabase } from '@/lib/db/client';
import { parseSnapshotCsv, SnapshotFileError } from '@/lib/migration/snapshot';
import { diffAgainstDisk, readBuildRecord } from '@/lib/release/build-files';
import { canonicalJson } from '@/lib/release/canonical-json';
import { signManifest } from '@/lib/release/manifest';
import { assembleManifest, type CommittedSnapshot, manifestParameters } from '@/lib/release/parameters';
import { computeCommitment, loadSnapshotTree } from '@/lib/snapshot/commitment';
import { loadDeploymentEnv, ROOT } from '@/scripts/lib/deployment-env';

const PRESIGNED_FILE = 'migration-manifest.signed.json';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'env-file': { type: 'string' }, snapshot: { type: 'string' }, out: { type: 'string' }, unsigned: { type: 'boolean' } } });
  const started = performance.now();
  const config = parseEnv(loadDeploymentEnv(values['env-file']));
  const nextDir = path.join(ROOT, '.next');
  const record = readBuildRecord(nextDir);
  const differences = diffAgainstDisk(record, nextDir);
  if (differences.length > 0) throw new Error(`.next/static differs from the build's list (${differences[0]?.path} ${differences[0]?.problem}): build again`);

  let snapshot: CommittedSnapshot | null;
  if (values.snapshot) {
    const figures = computeCommitment(parseSnapshotCsv(readFileSync(values.snapshot, 'utf8')));
    snapshot = { merkleRoot: figures.merkleRoot, holders: figures.holders, total: figures.total };
  } else {
    const handle = await openDatabase(config.databaseUrl, { migrate: false });
    try {
      const state = await loadSnapshotTree(handle.db);
      if (state.status !== 'ok') throw new Error(`the database snapshot is ${state.status}: run npm run doctor, or pass --snapshot FILE.csv`);
      snapshot = { merkleRoot: state.commitment.merkleRoot, holders: state.commitment.holders, total: state.commitment.total };
    } finally {
      await handle.close();
    }
  }
  const manifest = assembleManifest(record, manifestParameters(config, snapshot));
  if (values.unsigned) {
    console.log(canonicalJson(manifest));
    return 0;
  }
  if (!config.release.signingKey) throw new Error('RELEASE_SIGNING_KEY is not set: the release key signs the manifest (use --unsigned to print it without signing)');
  const signed = signManifest(manifest, config.release.signingKey.secretKey);
  const out = values.out ?? path.join(nextDir, PRESIGNED_FILE);
  writeFileSync(out, `${JSON.stringify(signed)}\n`);
  console.log(
    `manifest: ${manifest.files.length} files, snapshot root ${snapshot?.merkleRoot ?? 'none'}, signed by ${signed.publicKey} in ${(performance.now() - started).toFixed(0)} ms → ${path.relative(process.cwd(), out)}`,
  );
  console.log('Deploy it with this build, set RELEASE_PUBLIC_KEY on the server and leave RELEASE_SIGNING_KEY unset there.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof SnapshotFileError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
