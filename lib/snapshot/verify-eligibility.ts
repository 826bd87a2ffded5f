/**
 * The browser's check of an eligibility answer before it shows an allocation: the allocation
 * must be proven, by the Merkle proof in the answer, under the snapshot root of the deployment
 * manifest, and that manifest must be signed by the release key. The migration parameters the
 * page was given (mints, vault, treasury, delegate, ratio) must also be the signed ones, since
 * the transaction check in the browser relies on them.
 *
 * Pure (no React, no `node:`), runs in the browser; callers import '@/lib/zod-jitless' first.
 *
 * What it protects against, honestly: an eligibility answer or page parameters changed anywhere
 * between the release signer and the browser (a tampered database or API answer, a caching or
 * proxy layer, a bug) without the release key. What it does not: whoever controls the server
 * that serves this page's HTML and scripts can also change the public key the page checks with
 * (or the check itself). Against that, anyone can run `npm run verify` from outside with the
 * pinned key (README "Verify this deployment"); with the manifest signed offline
 * (`npm run manifest`), the server never holds the release key at all.
 */
import type { EligibilityResponse } from '@/lib/api/types';
import { type DeploymentManifest, verifySignedManifest } from '@/lib/release/manifest';
import { checkProof } from '@/lib/snapshot/merkle';
import { officialParamsDifferences, officialParamsFromManifest, type OfficialParams } from '@/lib/solana/official-params';

export const ALLOCATION_UNVERIFIED_REASONS = {
  /** The page has no release public key to check the manifest with. */
  NO_RELEASE_KEY: 'NO_RELEASE_KEY',
  /** The manifest is missing, malformed, or its signature does not verify with the key. */
  MANIFEST: 'MANIFEST',
  /** The signed manifest commits to no snapshot. */
  NO_SNAPSHOT_ROOT: 'NO_SNAPSHOT_ROOT',
  /** The answer names an allocation but carries no proof. */
  NO_PROOF: 'NO_PROOF',
  /** The proof does not show this allocation under the signed root. */
  PROOF: 'PROOF',
  /** The page's migration parameters differ from the signed ones. */
  PARAMETERS: 'PARAMETERS',
  /** The answer is for another wallet. */
  WALLET: 'WALLET',
} as const;
export type AllocationUnverifiedReason = (typeof ALLOCATION_UNVERIFIED_REASONS)[keyof typeof ALLOCATION_UNVERIFIED_REASONS];

/** The allocation could not be verified: nothing from that answer may be shown. */
export class AllocationUnverifiedError extends Error {
  constructor(
    readonly reason: AllocationUnverifiedReason,
    readonly detail: string,
  ) {
    super(`the allocation could not be verified (${reason}): ${detail}`);
    this.name = 'AllocationUnverifiedError';
  }
}

/**
 * Checks an eligibility answer against the signed manifest.
 *
 * A wallet not in the snapshot (`snapshotBalance: null`) has no allocation to prove: the answer
 * passes (absence cannot be proven with this tree; README explains what that leaves open).
 *
 * @param input.wallet the wallet the page asked about (base58)
 * @param input.manifest the signed manifest as fetched (any JSON value)
 * @param input.releasePublicKey base58 key the page was given; null refuses
 * @param input.params the page's migration parameters, compared with the signed ones
 * @returns the verified manifest
 * @throws AllocationUnverifiedError naming what failed.
 */
export function verifyEligibilityAgainstManifest(input: {
  wallet: string;
  eligibility: EligibilityResponse;
  manifest: unknown;
  releasePublicKey: string | null;
  params: OfficialParams;
}): DeploymentManifest {
  const { wallet, eligibility } = input;
  if (eligibility.wallet !== wallet) throw new AllocationUnverifiedError('WALLET', `the answer is for ${eligibility.wallet}, not ${wallet}`);
  if (!input.releasePublicKey) throw new AllocationUnverifiedError('NO_RELEASE_KEY', 'this deployment has no release public key configured');
  const check = verifySignedManifest(input.manifest, input.releasePublicKey);
  if (!check.ok) throw new AllocationUnverifiedError('MANIFEST', check.problem.message);
  const manifest = check.signed.manifest;
  const mismatch = parameterMismatch(manifest, input.params);
  if (mismatch) throw new AllocationUnverifiedError('PARAMETERS', mismatch);
  if (eligibility.snapshotBalance === null) return manifest;
  const root = manifest.parameters.snapshot?.merkleRoot;
  if (!root) throw new AllocationUnverifiedError('NO_SNAPSHOT_ROOT', 'the signed manifest commits to no snapshot');
  if (!eligibility.proof) throw new AllocationUnverifiedError('NO_PROOF', 'the answer states an allocation without a proof');
  const problem = checkProof({ wallet, allocation: BigInt(eligibility.snapshotBalance), proof: eligibility.proof, expectedRoot: root });
  if (problem) throw new AllocationUnverifiedError('PROOF', problem.message);
  return manifest;
}

/** The first page parameter that differs from the signed manifest, or null. */
export function parameterMismatch(manifest: DeploymentManifest, params: OfficialParams): string | null {
  const [first] = officialParamsDifferences(officialParamsFromManifest(manifest.parameters), params);
  return first ? `the page's ${first.field} (${first.theirs}) is not the signed one (${first.mine})` : null;
}
