/**
 * The signed deployment manifest (served at {@link MANIFEST_PATH}): what a deployment serves and
 * with which public parameters, signed with Ed25519 by the release key. The browser, the server,
 * `npm run verify` and `npm run manifest` share this module; it has no `node:` imports.
 *
 * Wire format (JSON):
 *
 *   { "manifest": {…}, "signature": base64 (64 bytes), "publicKey": base58 (32 bytes), "algorithm": "ed25519" }
 *
 * The signature covers the UTF-8 bytes of `canonicalJson(manifest)` (lib/release/canonical-json.ts:
 * sorted keys, no whitespace) exactly as received, unknown keys included, so a verifier that does
 * not know a newer field still checks the whole. `publicKey` is informative only: a verifier
 * checks against the key it pinned (README "Verify this deployment"), never the one it was sent.
 *
 * Callers in the browser must import '@/lib/zod-jitless' first (the schemas are zod).
 */
import bs58 from 'bs58';
import { z } from 'zod';
import { canonicalJson } from '@/lib/release/canonical-json';
import { ed25519PublicKey, signEd25519, verifyEd25519 } from '@/lib/solana/ed25519';
import { BASE58_ADDRESS_SHAPE, BASE64_PADDED } from '@/lib/text/patterns';

/** Where every deployment serves its signed manifest. */
export const MANIFEST_PATH = '/.well-known/migration-manifest.json';
/** The `format` of manifests this module writes and reads. */
export const MANIFEST_FORMAT = 'elizaos-migration-manifest/v1' as const;
export const MANIFEST_ALGORITHM = 'ed25519' as const;
/** Every file listed lives under this URL path (Next serves `.next/static` there). */
export const STATIC_PREFIX = '/_next/static/';

const base58Key = z.string().regex(BASE58_ADDRESS_SHAPE, 'a base58 address');
/** SHA-384 digest in standard base64 with padding (as in an SRI `sha384-…` value, without the prefix). */
const sha384Base64 = z.string().regex(/^[A-Za-z0-9+/]{64}$/, 'a base64 SHA-384 digest (64 characters)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an ISO 8601 UTC date-time');
const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'a 32-byte hash in lower-case hex');
const baseUnits = z.string().regex(/^\d{1,30}$/, 'base units as a decimal string');

/** One file served under `/_next/static`. */
export const manifestFileSchema = z.object({
  /** URL path, e.g. `/_next/static/chunks/webpack-5ff89dd61fdf8125.js`. */
  path: z.string().startsWith(STATIC_PREFIX).max(512),
  /** base64 SHA-384 of the exact bytes served (the SRI digest). */
  sha384: sha384Base64,
  /** Bytes. */
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

const mintSchema = z.object({ mint: base58Key, decimals: z.number().int().min(0).max(9), tokenProgram: base58Key });

/** The public parameters of the migration this deployment runs with. */
export const manifestParametersSchema = z.object({
  cluster: z.string(),
  /** The deployment's public origin (`PUBLIC_APP_URL`). */
  origin: z.string(),
  ai16z: mintSchema,
  elizaos: mintSchema,
  vault: z.object({ tokenAccount: base58Key, owner: base58Key }),
  treasury: z.object({ tokenAccount: base58Key, delegate: base58Key }),
  /** ELIZAOS per AI16Z, decimal string. */
  ratio: z.string().regex(/^\d+$/),
  /** The deposit address (DESIGN.md "Deposit and receive"): the owner holders send to, and its AI16Z token account. */
  deposit: z.object({ owner: base58Key, tokenAccount: base58Key }),
  window: z.object({ opensAt: isoDate, closesAt: isoDate }),
  snapshotTakenAt: isoDate,
  /** lib/solana/constants.ts `POLICY_VERSION`: the transaction shape the portal builds and signs. */
  policyVersion: z.string(),
  /** The snapshot commitment (lib/snapshot/merkle.ts); null while no snapshot is loaded. */
  snapshot: z
    .object({
      merkleRoot: hex32,
      holders: z.number().int().positive(),
      /** Sum of all allocations, AI16Z base units. */
      totalBaseUnits: baseUnits,
      encoding: z.string(),
    })
    .nullable(),
});
export type ManifestParameters = z.infer<typeof manifestParametersSchema>;

/** What the build recorded about itself (`.next/release-files.json`). */
export const manifestBuildSchema = z.object({
  /** `git rev-parse HEAD`, or `unknown` when built outside a git checkout. */
  commit: z.string(),
  /** Uncommitted changes in the checkout at build time; null when unknown (no git). */
  dirty: z.boolean().nullable(),
  builtAt: isoDate,
  /** Next's build id (the `/_next/static/<buildId>/` directory). */
  buildId: z.string(),
});
export type ManifestBuild = z.infer<typeof manifestBuildSchema>;

export const deploymentManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  build: manifestBuildSchema,
  /** Every file under `/_next/static`, sorted by path. */
  files: z.array(manifestFileSchema).max(20_000),
  parameters: manifestParametersSchema,
});
export type DeploymentManifest = z.infer<typeof deploymentManifestSchema>;

export const signedManifestSchema = z.object({
  manifest: z.unknown(),
  signature: z.string().max(200),
  publicKey: z.string().max(64),
  algorithm: z.string().max(32),
});
export type SignedManifest = { manifest: DeploymentManifest; signature: string; publicKey: string; algorithm: typeof MANIFEST_ALGORITHM };

/** The bytes a manifest signature covers: UTF-8 of its canonical JSON. */
export function manifestSigningBytes(manifest: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(manifest));
}

/**
 * Signs a manifest with the release key.
 *
 * @param secretKey 64-byte ed25519 secret key (seed ‖ public key, as Solana keypairs store it) or the 32-byte seed
 * @throws Error when the key has another length, or the manifest is not canonical-JSON representable.
 */
export function signManifest(manifest: DeploymentManifest, secretKey: Uint8Array): SignedManifest {
  if (secretKey.length !== 64 && secretKey.length !== 32) throw new Error('the release signing key must be a 64-byte ed25519 secret key');
  const publicKey = ed25519PublicKey(secretKey);
  if (secretKey.length === 64 && !bytesEqual(publicKey, secretKey.slice(32))) throw new Error('the release signing key is inconsistent (its last 32 bytes are not its public key)');
  const signature = signEd25519(secretKey, manifestSigningBytes(manifest));
  return { manifest, signature: toBase64(signature), publicKey: bs58.encode(publicKey), algorithm: MANIFEST_ALGORITHM };
}

/** Why a signed manifest was refused. */
export type ManifestProblem = {
  code: 'MALFORMED' | 'ALGORITHM' | 'KEY_MISMATCH' | 'BAD_SIGNATURE' | 'BAD_MANIFEST' | 'NO_PINNED_KEY';
  message: string;
};

export type ManifestCheck = { ok: true; signed: SignedManifest } | { ok: false; problem: ManifestProblem };

/**
 * Checks a signed manifest as fetched (any JSON value) against a pinned public key: shape,
 * algorithm, that it names the pinned key, the Ed25519 signature over the canonical JSON of the
 * manifest as received (strict RFC 8032 verification), then the manifest's own shape.
 *
 * @param pinnedPublicKey base58 release public key the caller trusts (from the README, a flag, or
 *   the page); never taken from the envelope
 * @returns the parsed manifest, or the first problem. Never throws.
 */
export function verifySignedManifest(envelope: unknown, pinnedPublicKey: string | null | undefined): ManifestCheck {
  const fail = (code: ManifestProblem['code'], message: string): ManifestCheck => ({ ok: false, problem: { code, message } });
  if (!pinnedPublicKey) return fail('NO_PINNED_KEY', 'no release public key is pinned: there is nothing to check the signature against');
  let pinned: Uint8Array;
  try {
    pinned = bs58.decode(pinnedPublicKey);
  } catch {
    return fail('NO_PINNED_KEY', `the pinned release public key "${pinnedPublicKey.slice(0, 60)}" is not base58`);
  }
  if (pinned.length !== 32) return fail('NO_PINNED_KEY', `the pinned release public key "${pinnedPublicKey}" is not 32 bytes`);
  const outer = signedManifestSchema.safeParse(envelope);
  if (!outer.success) return fail('MALFORMED', 'the answer is not {manifest, signature, publicKey, algorithm}');
  if (outer.data.algorithm !== MANIFEST_ALGORITHM) return fail('ALGORITHM', `the manifest is signed with "${outer.data.algorithm.slice(0, 32)}", not ${MANIFEST_ALGORITHM}`);
  if (outer.data.publicKey !== pinnedPublicKey) {
    return fail('KEY_MISMATCH', `the manifest says it is signed by ${outer.data.publicKey.slice(0, 64)}, not by the pinned release key ${pinnedPublicKey}`);
  }
  let signature: Uint8Array;
  let message: Uint8Array;
  try {
    signature = fromBase64(outer.data.signature);
    message = manifestSigningBytes(outer.data.manifest);
  } catch (error) {
    return fail('MALFORMED', `the manifest or its signature cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signature.length !== 64) return fail('BAD_SIGNATURE', 'the signature is not 64 bytes');
  if (!verifyEd25519(signature, message, pinned)) return fail('BAD_SIGNATURE', `the signature does not verify with the pinned release key ${pinnedPublicKey}: the manifest was changed or signed by another key`);
  const manifest = deploymentManifestSchema.safeParse(outer.data.manifest);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    return fail('BAD_MANIFEST', `the signed manifest is not a ${MANIFEST_FORMAT} manifest (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'shape'})`);
  }
  return { ok: true, signed: { manifest: manifest.data, signature: outer.data.signature, publicKey: pinnedPublicKey, algorithm: MANIFEST_ALGORITHM } };
}

/** Base58 public key of a 64-byte (or 32-byte seed) ed25519 secret key. */
export function publicKeyOfSecret(secretKey: Uint8Array): string {
  return bs58.encode(ed25519PublicKey(secretKey.slice(0, 32)));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (no Buffer: this module runs in the browser). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2];
    out += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : B64[c & 63];
  }
  return out;
}

/**
 * Bytes of standard base64 (padding required, no whitespace).
 * @throws Error when the text is not canonical base64.
 */
export function fromBase64(text: string): Uint8Array {
  if (!BASE64_PADDED.test(text)) throw new Error('not base64');
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = (value << 6) | B64.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index] = (value >> bits) & 0xff;
      index += 1;
    }
  }
  return out;
}
