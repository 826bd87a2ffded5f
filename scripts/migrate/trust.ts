/**
 * Which release key the command line checks a portal's signed manifest with
 * (README "Command line (CLI)", "Verify this deployment"): the key the holder pinned
 * (`--public-key`), always, except for a localnet portal on this machine, whose throwaway key
 * (a fresh one per `npm run demo`) cannot be pinned in advance.
 */
import { type DeploymentManifest, type ManifestProblem, verifySignedManifest } from '@/lib/release/manifest';

/** No key was pinned and the manifest does not allow going without one. */
export class PinnedKeyRequired extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PinnedKeyRequired';
  }
}

/** The manifest did not verify (wrong key, changed document, malformed). */
export class ManifestRefused extends Error {
  constructor(readonly problem: ManifestProblem) {
    super(problem.message);
    this.name = 'ManifestRefused';
  }
}

export type TrustedManifest = {
  manifest: DeploymentManifest;
  /** The key the signature was checked with (base58). */
  publicKey: string;
  /** True when it was the holder's pinned key; false for a localnet portal on this machine checked against the key it names. */
  pinned: boolean;
};

/** True for an http(s) URL whose host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Verifies a signed manifest as fetched from (or saved for) a portal.
 *
 * With `pinnedKey`: the Ed25519 signature must verify with it (lib/release/manifest.ts
 * `verifySignedManifest`: the key the envelope names is never trusted). Without: accepted only
 * when the manifest says `cluster: localnet` and `portalUrl`, an address the holder gave (or the
 * tool's default), is on this machine; then it is checked against the key it names, which proves
 * only that it is intact (a localnet has nothing of value; a portal elsewhere that claims to be
 * localnet could name any key, so it is refused).
 *
 * @param portalUrl where the holder said the portal is; null when the address comes from a file
 *   (`--sign`, `--submit-signed` without `--url`): a file can claim anything, so a key is required
 * @throws PinnedKeyRequired when no key is pinned and the manifest is not a loopback localnet one.
 * @throws ManifestRefused when the signature, the key or the document is wrong.
 */
export function trustManifest(envelope: unknown, pinnedKey: string | undefined, portalUrl: string | null): TrustedManifest {
  if (pinnedKey) {
    const check = verifySignedManifest(envelope, pinnedKey);
    if (!check.ok) throw new ManifestRefused(check.problem);
    return { manifest: check.signed.manifest, publicKey: pinnedKey, pinned: true };
  }
  const claimed = claimedCluster(envelope);
  if (claimed !== 'localnet') {
    throw new PinnedKeyRequired(
      `--public-key is required: this portal's manifest is for ${claimed ? `"${claimed.slice(0, 40)}"` : 'an unreadable cluster'}. Pin the release key the README and the security page publish (or set RELEASE_PUBLIC_KEY); the key a portal names itself proves nothing.`,
    );
  }
  if (portalUrl === null) {
    throw new PinnedKeyRequired('--public-key is required here: this manifest and the portal address come from a file, and a file can claim to be from a localnet portal on this machine. Pin the release key (for a demo, `release.publicKey` of its .localnet config).');
  }
  if (!isLoopbackUrl(portalUrl)) {
    throw new PinnedKeyRequired(`--public-key is required: ${new URL(portalUrl).origin} says it is a localnet portal but is not on this machine, and anything can claim to be localnet.`);
  }
  const named = (envelope as { publicKey?: unknown }).publicKey;
  const check = verifySignedManifest(envelope, typeof named === 'string' ? named : null);
  if (!check.ok) throw new ManifestRefused(check.problem);
  return { manifest: check.signed.manifest, publicKey: check.signed.publicKey, pinned: false };
}

/** The cluster an (unverified) manifest claims, only to decide whether a pinned key is needed. */
function claimedCluster(envelope: unknown): string | null {
  const cluster = (envelope as { manifest?: { parameters?: { cluster?: unknown } } } | null)?.manifest?.parameters?.cluster;
  return typeof cluster === 'string' ? cluster : null;
}
