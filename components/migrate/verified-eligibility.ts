/**
 * Eligibility as the wallet flow shows it: the API answer, accepted only once its allocation is
 * proven under the snapshot root of the signed deployment manifest
 * (lib/snapshot/verify-eligibility.ts). The manifest is fetched once per page and again when a
 * check fails (a snapshot import may have moved the root since).
 */
import type { EligibilityResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { MANIFEST_PATH } from '@/lib/release/manifest';
import { AllocationUnverifiedError, verifyEligibilityAgainstManifest } from '@/lib/snapshot/verify-eligibility';
import { ApiRequestError, fetchEligibility, fetchSignedManifest, UnexpectedAnswerError } from '@/lib/api/client';

let manifestOnce: Promise<unknown> | null = null;

/** The manifest; an answer that is not one (an error status, not JSON) leaves the allocation unverified. */
async function fetchManifest(): Promise<unknown> {
  try {
    return await fetchSignedManifest(MANIFEST_PATH);
  } catch (error) {
    if (error instanceof ApiRequestError || error instanceof UnexpectedAnswerError) {
      throw new AllocationUnverifiedError('MANIFEST', `the signed deployment manifest answered HTTP ${error.status}${error instanceof UnexpectedAnswerError ? ' without JSON' : ''}`);
    }
    throw error;
  }
}

function manifest(fresh: boolean): Promise<unknown> {
  if (fresh || !manifestOnce) {
    manifestOnce = fetchManifest();
    // A failed fetch is not kept: the next call tries again.
    manifestOnce.catch(() => {
      manifestOnce = null;
    });
  }
  return manifestOnce;
}

/**
 * `GET /api/v1/eligibility/{wallet}`, verified against the signed manifest.
 *
 * @throws AllocationUnverifiedError when the allocation cannot be verified (nothing of the answer is shown)
 * @throws the errors of `fetchEligibility` (ApiRequestError, NetworkError, UnexpectedAnswerError)
 */
export async function fetchVerifiedEligibility(wallet: string, params: PublicMigrationParams): Promise<EligibilityResponse> {
  const [eligibility, signed] = await Promise.all([fetchEligibility(wallet), manifest(false)]);
  const input = { wallet, eligibility, releasePublicKey: params.releasePublicKey, params };
  try {
    verifyEligibilityAgainstManifest({ ...input, manifest: signed });
  } catch (error) {
    if (!(error instanceof AllocationUnverifiedError) || error.reason === 'NO_RELEASE_KEY' || error.reason === 'WALLET') throw error;
    verifyEligibilityAgainstManifest({ ...input, manifest: await manifest(true) });
  }
  return eligibility;
}
