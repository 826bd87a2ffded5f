/**
 * Which signed manifest a server may serve, decided from what it actually runs: the pure core of
 * lib/release/served.ts, kept apart so every branch is unit-tested without Next or a database.
 *
 * Two ways to sign (README "Verify this deployment"):
 * - offline (recommended for production): `npm run manifest` signs with the release key on the
 *   release machine and writes `.next/migration-manifest.signed.json`; the server holds only
 *   `RELEASE_PUBLIC_KEY` and serves that file **only if** it verifies with that key and states
 *   exactly the manifest the server would state itself (same files, same parameters, same
 *   snapshot root). Otherwise it serves nothing (503): it never signs or serves a document that
 *   does not describe itself.
 * - on the server: with `RELEASE_SIGNING_KEY` set and no pre-signed file, the server signs its
 *   own manifest (demo, e2e, small deployments). Simpler, but whoever controls the server then
 *   holds the release key too.
 */
import type { Keypair } from '@solana/web3.js';
import { canonicalJson } from '@/lib/release/canonical-json';
import { type DeploymentManifest, signManifest, type SignedManifest, verifySignedManifest } from '@/lib/release/manifest';

export type ResolveInput = {
  /** The manifest this server would state about itself right now. */
  expected: DeploymentManifest;
  /** Parsed `.next/migration-manifest.signed.json`, when present. */
  presigned: unknown;
  signingKey: Keypair | null;
  /** RELEASE_PUBLIC_KEY (or the signing key's public key). */
  publicKey: string | null;
};

export type Resolved = { ok: true; signed: SignedManifest; source: 'presigned' | 'server' } | { ok: false; reason: string };

/** Decides what to serve. Never throws. */
export function resolveServedManifest(input: ResolveInput): Resolved {
  if (input.presigned !== undefined && input.presigned !== null) {
    if (!input.publicKey) return { ok: false, reason: 'a pre-signed manifest is present but RELEASE_PUBLIC_KEY is not set: there is no key to check it with' };
    const check = verifySignedManifest(input.presigned, input.publicKey);
    if (!check.ok) return { ok: false, reason: `the pre-signed manifest is refused: ${check.problem.message}` };
    const signed = canonicalJson(check.signed.manifest);
    const expected = canonicalJson(input.expected);
    if (signed !== expected) {
      return { ok: false, reason: `the pre-signed manifest does not describe this server (${firstDifference(check.signed.manifest, input.expected)}); sign again with \`npm run manifest\`` };
    }
    // Serve the document exactly as signed (unknown keys included), not a re-serialisation.
    return { ok: true, signed: input.presigned as SignedManifest, source: 'presigned' };
  }
  if (input.signingKey) {
    try {
      return { ok: true, signed: signManifest(input.expected, input.signingKey.secretKey), source: 'server' };
    } catch (error) {
      return { ok: false, reason: `the manifest cannot be signed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { ok: false, reason: 'no release key is configured: set RELEASE_SIGNING_KEY, or RELEASE_PUBLIC_KEY with a manifest signed by `npm run manifest`' };
}

/** The first top-level part that differs between two manifests, for an operator's log line. */
export function firstDifference(a: DeploymentManifest, b: DeploymentManifest): string {
  if (canonicalJson(a.build) !== canonicalJson(b.build)) return `build: signed ${a.build.buildId} (${a.build.builtAt}), serving ${b.build.buildId} (${b.build.builtAt})`;
  if (canonicalJson(a.files) !== canonicalJson(b.files)) {
    const signed = new Map(a.files.map((f) => [f.path, f.sha384]));
    const differing = b.files.find((f) => signed.get(f.path) !== f.sha384) ?? a.files.find((f) => !b.files.some((g) => g.path === f.path));
    return `files: ${differing?.path ?? 'the lists'} differ`;
  }
  for (const key of Object.keys(b.parameters) as (keyof DeploymentManifest['parameters'])[]) {
    if (canonicalJson(a.parameters[key] ?? null) !== canonicalJson(b.parameters[key] ?? null)) return `parameters.${key}: signed ${canonicalJson(a.parameters[key] ?? null)}, serving ${canonicalJson(b.parameters[key] ?? null)}`;
  }
  return 'format';
}
