import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '@/lib/release/canonical-json';
import { type DeploymentManifest, fromBase64, MANIFEST_FORMAT, manifestSigningBytes, signManifest, toBase64, verifySignedManifest } from '@/lib/release/manifest';
import { firstDifference, resolveServedManifest } from '@/lib/release/resolve';
import { sampleParameters } from '@/scripts/verify/fake-deployment';

function sampleManifest(overrides: Partial<DeploymentManifest['parameters']> = {}): DeploymentManifest {
  return {
    format: MANIFEST_FORMAT,
    build: { commit: '5f777ec0000000000000000000000000000000aa', dirty: false, builtAt: '2026-11-23T10:00:00.000Z', buildId: 'WGCkf3c7rV44pwv2qbg1L' },
    files: [
      { path: '/_next/static/chunks/688.718d038f5d394587.js', sha384: 'CCsUbtelMQao1aumTFFP9h6OYZhOkdeX8h50ZDZGAlNi87RxsFY7+hGp/SeaYhZJ', size: 1234 },
      { path: '/_next/static/chunks/webpack-5ff89dd61fdf8125.js', sha384: 'iM7szPR2etqc0WTseP+0pLBeHqZpvMcbJAzkit6eJeXSD8CpYDgwYeDh6YNDivp6', size: 5835 },
    ],
    parameters: { ...sampleParameters('http://localhost:3000'), ...overrides },
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'x' }], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[3,{"a":"x","z":1}]}');
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
  });

  it('refuses what two parties could serialise differently', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: undefined })).toThrow(/\$\.a: undefined/);
    expect(() => canonicalJson({ a: 10n })).toThrow(/bigint/);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/safe integers/);
    expect(() => canonicalJson(new Date(0))).toThrow(/plain objects/);
  });
});

describe('base64', () => {
  it('round-trips every length and agrees with Buffer', () => {
    for (let n = 0; n < 70; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(() => fromBase64('abc')).toThrow();
    expect(() => fromBase64('ab c=')).toThrow();
  });
});

describe('signManifest / verifySignedManifest', () => {
  const release = Keypair.generate();
  const key = release.publicKey.toBase58();
  const signed = signManifest(sampleManifest(), release.secretKey);

  it('signs the canonical JSON with Ed25519 (checked with node:crypto, independently of @noble)', () => {
    expect(signed.publicKey).toBe(key);
    expect(signed.algorithm).toBe('ed25519');
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), release.publicKey.toBuffer()]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const message = Buffer.from(canonicalJson(sampleManifest()));
    expect(Buffer.from(manifestSigningBytes(sampleManifest()))).toEqual(message);
    expect(nodeVerify(null, message, publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
  });

  it('accepts it against the pinned key, after a JSON round trip with keys in any order', () => {
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, algorithm: 'ed25519', publicKey: key, manifest: signed.manifest })) as unknown;
    const check = verifySignedManifest(reordered, key);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.signed.manifest.parameters.snapshot?.merkleRoot).toBe(sampleManifest().parameters.snapshot?.merkleRoot);
  });

  it('refuses a changed parameter, a changed file hash, an added file, an extra unknown key', () => {
    const tamper = (mutate: (m: DeploymentManifest & Record<string, unknown>) => void) => {
      const copy = structuredClone(signed.manifest) as DeploymentManifest & Record<string, unknown>;
      mutate(copy);
      return verifySignedManifest({ ...signed, manifest: copy }, key);
    };
    const problems = [
      tamper((m) => (m.parameters.vault.tokenAccount = 'Sysvar1111111111111111111111111111111111111')),
      tamper((m) => (m.parameters.ratio = '7')),
      tamper((m) => m.parameters.snapshot && (m.parameters.snapshot.merkleRoot = `${'0'.repeat(63)}1`)),
      tamper((m) => m.files[0] && (m.files[0].sha384 = `A${m.files[0].sha384.slice(1)}`)),
      tamper((m) => m.files.push({ path: '/_next/static/chunks/evil.js', sha384: 'A'.repeat(64), size: 1 })),
      tamper((m) => (m.note = 'unsigned addition')),
    ];
    for (const p of problems) expect(p).toMatchObject({ ok: false, problem: { code: 'BAD_SIGNATURE' } });
  });

  it('refuses another key, even when the envelope names it and its signature is valid', () => {
    const attacker = Keypair.generate();
    const forged = signManifest(sampleManifest({ ratio: '60' }), attacker.secretKey);
    expect(verifySignedManifest(forged, key)).toMatchObject({ ok: false, problem: { code: 'KEY_MISMATCH' } });
    // Claiming the pinned key does not help: the signature is checked with the pinned key.
    expect(verifySignedManifest({ ...forged, publicKey: key }, key)).toMatchObject({ ok: false, problem: { code: 'BAD_SIGNATURE' } });
  });

  it('refuses without a pinned key, with a bad algorithm, a malformed envelope or manifest', () => {
    expect(verifySignedManifest(signed, null)).toMatchObject({ ok: false, problem: { code: 'NO_PINNED_KEY' } });
    expect(verifySignedManifest(signed, 'not-base58-0OIl')).toMatchObject({ ok: false, problem: { code: 'NO_PINNED_KEY' } });
    expect(verifySignedManifest({ ...signed, algorithm: 'none' }, key)).toMatchObject({ ok: false, problem: { code: 'ALGORITHM' } });
    expect(verifySignedManifest({ manifest: {} }, key)).toMatchObject({ ok: false, problem: { code: 'MALFORMED' } });
    expect(verifySignedManifest({ ...signed, signature: '!!' }, key)).toMatchObject({ ok: false, problem: { code: 'MALFORMED' } });
    const weird = signManifest({ ...sampleManifest(), format: 'other' } as unknown as DeploymentManifest, release.secretKey);
    expect(verifySignedManifest(weird, key)).toMatchObject({ ok: false, problem: { code: 'BAD_MANIFEST' } });
  });

  it('refuses an inconsistent 64-byte secret key', () => {
    const bad = Uint8Array.from(release.secretKey);
    bad.set(Keypair.generate().publicKey.toBytes(), 32);
    expect(() => signManifest(sampleManifest(), bad)).toThrow(/inconsistent/);
    expect(() => signManifest(sampleManifest(), new Uint8Array(10))).toThrow(/64-byte/);
  });
});

describe('resolveServedManifest', () => {
  const release = Keypair.generate();
  const key = release.publicKey.toBase58();
  const expected = sampleManifest();

  it('signs on the server with RELEASE_SIGNING_KEY', () => {
    const resolved = resolveServedManifest({ expected, presigned: null, signingKey: release, publicKey: key });
    expect(resolved.ok && resolved.source).toBe('server');
    expect(resolved.ok && verifySignedManifest(resolved.signed, key).ok).toBe(true);
  });

  it('serves an offline-signed manifest only when it describes this server exactly', () => {
    const presigned = JSON.parse(JSON.stringify(signManifest(expected, release.secretKey))) as unknown;
    expect(resolveServedManifest({ expected, presigned, signingKey: null, publicKey: key })).toMatchObject({ ok: true, source: 'presigned' });
    const otherRoot = sampleManifest({ snapshot: { merkleRoot: 'ab'.repeat(32), holders: 4, totalBaseUnits: '4', encoding: 'x' } });
    const refused = resolveServedManifest({ expected: otherRoot, presigned, signingKey: null, publicKey: key });
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.reason).toMatch(/parameters\.snapshot/);
    const otherFiles = { ...expected, files: [...expected.files.slice(1)] };
    expect(!resolveServedManifest({ expected: otherFiles, presigned, signingKey: null, publicKey: key }).ok).toBe(true);
  });

  it('refuses a pre-signed manifest signed by another key, or with no public key to check it', () => {
    const foreign = signManifest(expected, Keypair.generate().secretKey);
    expect(resolveServedManifest({ expected, presigned: foreign, signingKey: null, publicKey: key })).toMatchObject({ ok: false });
    expect(resolveServedManifest({ expected, presigned: foreign, signingKey: null, publicKey: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/RELEASE_PUBLIC_KEY/) });
  });

  it('serves nothing without any key', () => {
    expect(resolveServedManifest({ expected, presigned: null, signingKey: null, publicKey: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/no release key/) });
  });

  it('names the first difference for the operator', () => {
    expect(firstDifference(expected, sampleManifest({ ratio: '7' }))).toMatch(/parameters\.ratio: signed "6", serving "7"/);
    expect(firstDifference(expected, { ...expected, build: { ...expected.build, buildId: 'other' } })).toMatch(/^build/);
  });
});

// Keep bs58 imported for key handling parity with the CLI (a base58 key round-trips).
describe('keys', () => {
  it('a base58 secret key as configured signs like the Keypair', () => {
    const release = Keypair.generate();
    const fromText = Uint8Array.from(bs58.decode(bs58.encode(release.secretKey)));
    expect(signManifest(sampleManifest(), fromText).signature).toBe(signManifest(sampleManifest(), release.secretKey).signature);
  });
});
