/**
 * `npm run bench:release`: figures for the signed manifest and the snapshot commitment. Prints,
 * asserts nothing about time (speed targets live in benchmarks, never in tests).
 *
 * - manifest: listing and hashing `.next/static` (the build step), checking it against the disk
 *   (server start-up), assembling and signing (first request);
 * - snapshot: building the Merkle tree of 10,000 and 100,000 holders, one proof, checking a proof
 *   (what the browser does), and importing 10,000 holders with their commitment into PGlite.
 */
import path from 'node:path';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { openDatabase } from '@/lib/db/client';
import { importSnapshot } from '@/lib/migration/snapshot';
import { type BuildRecord, diffAgainstDisk, gitInfo, listStaticFiles } from '@/lib/release/build-files';
import { canonicalJson } from '@/lib/release/canonical-json';
import { signManifest, verifySignedManifest } from '@/lib/release/manifest';
import { assembleManifest, manifestParameters } from '@/lib/release/parameters';
import { parseEnv } from '@/lib/config/env';
import { checkProof, MerkleTree } from '@/lib/snapshot/merkle';

const ROOT = path.resolve(__dirname, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

function holders(count: number): { wallet: string; allocation: bigint }[] {
  return Array.from({ length: count }, (_, i) => ({ wallet: Keypair.generate().publicKey.toBase58(), allocation: BigInt(1 + ((i * 7919) % 1_000_000)) * 1_000_000n }));
}

async function main(): Promise<void> {
  console.log(`bench:release (node ${process.version}, ${new Date().toISOString()})\n`);

  // Manifest.
  const nextDir = path.join(ROOT, '.next');
  const listRuns: number[] = [];
  const diffRuns: number[] = [];
  // What `npm run build`'s last step does, without writing over the build's own record.
  const makeRecord = (): BuildRecord => ({ build: { ...gitInfo(ROOT), builtAt: new Date().toISOString(), buildId: 'bench' }, files: listStaticFiles(nextDir) });
  let record = makeRecord();
  for (let i = 0; i < 5; i += 1) {
    const [r, ms] = time(makeRecord);
    record = r;
    listRuns.push(ms);
    diffRuns.push(time(() => diffAgainstDisk(record, nextDir))[1]);
  }
  const bytes = record.files.reduce((sum, f) => sum + f.size, 0);
  const release = Keypair.generate();
  const config = parseEnv({
    SOLANA_CLUSTER: 'localnet',
    SOLANA_RPC_URL: 'http://127.0.0.1:8899',
    ELIZAOS_MINT: Keypair.generate().publicKey.toBase58(),
    MIGRATION_VAULT_OWNER: Keypair.generate().publicKey.toBase58(),
    MIGRATION_VAULT_TOKEN_ACCOUNT: Keypair.generate().publicKey.toBase58(),
    TREASURY_TOKEN_ACCOUNT: Keypair.generate().publicKey.toBase58(),
    MIGRATION_DEPOSIT_OWNER: Keypair.generate().publicKey.toBase58(),
    DEPOSIT_FEE_PAYER_SECRET_KEY: bs58.encode(Keypair.generate().secretKey),
    TREASURY_DELEGATE_SECRET_KEY: JSON.stringify([...Keypair.generate().secretKey]),
    MIGRATION_OPENS_AT: '2026-12-01T00:00:00Z',
    MIGRATION_CLOSES_AT: '2027-03-01T00:00:00Z',
    SNAPSHOT_TAKEN_AT: '2026-11-20T00:00:00Z',
  });
  const signRuns: number[] = [];
  const verifyRuns: number[] = [];
  let size = 0;
  for (let i = 0; i < 20; i += 1) {
    const [signed, ms] = time(() => signManifest(assembleManifest(record, manifestParameters(config, { merkleRoot: 'ab'.repeat(32), holders: 10_000, total: 1n })), release.secretKey));
    signRuns.push(ms);
    size = canonicalJson(signed.manifest).length;
    verifyRuns.push(time(() => verifySignedManifest(JSON.parse(JSON.stringify(signed)) as unknown, release.publicKey.toBase58()))[1]);
  }
  console.log(`manifest: ${record.files.length} files, ${(bytes / 1024).toFixed(0)} KiB under .next/static; signed manifest ${size} bytes of canonical JSON`);
  console.log(`  git + list + hash .next/static (build step)  median ${median(listRuns).toFixed(1)} ms`);
  console.log(`  check the files on disk (server start-up)   median ${median(diffRuns).toFixed(1)} ms`);
  console.log(`  assemble + canonical JSON + Ed25519 sign     median ${median(signRuns).toFixed(2)} ms`);
  console.log(`  verify signature + parse (browser, CLI)      median ${median(verifyRuns).toFixed(2)} ms\n`);

  // Snapshot.
  for (const count of [10_000, 100_000]) {
    const entries = holders(count);
    const builds: number[] = [];
    let tree = MerkleTree.fromEntries(entries);
    for (let i = 0; i < 3; i += 1) {
      const [t, ms] = time(() => MerkleTree.fromEntries(entries));
      tree = t;
      builds.push(ms);
    }
    const sample = entries.filter((_, i) => i % Math.max(1, Math.floor(count / 2000)) === 0);
    const [proofs, proofMs] = time(() => sample.map((e) => tree.proof(e.wallet, e.allocation)));
    const [, checkMs] = time(() => sample.forEach((e, i) => checkProof({ ...e, proof: proofs[i] as NonNullable<(typeof proofs)[number]>, expectedRoot: tree.rootHex })));
    console.log(`snapshot of ${count.toLocaleString('en')} holders:`);
    console.log(`  build the tree (once per process)            median ${median(builds).toFixed(0)} ms`);
    console.log(`  one proof (${proofs[0]?.siblings.length} siblings)                      mean ${((proofMs * 1000) / sample.length).toFixed(1)} µs over ${sample.length}`);
    console.log(`  check one proof (browser)                    mean ${((checkMs * 1000) / sample.length).toFixed(1)} µs\n`);
  }

  const handle = await openDatabase('memory://');
  try {
    const entries = holders(10_000);
    const started = performance.now();
    const result = await importSnapshot(handle.db, entries);
    console.log(`import 10,000 holders into PGlite (memory) with their commitment: ${(performance.now() - started).toFixed(0)} ms (root ${result.merkleRoot})`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
