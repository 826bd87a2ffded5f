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
import { fetchEligibility, NetworkError } from '@/components/migrate/api';

const TIMEOUT_MS = 20_000;
let manifestOnce: Promise<unknown> | null = null;

async function fetchManifest(): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(MANIFEST_PATH, { cache: 'no-store', credentials: 'omit', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : 'network error', { cause: error });
  }
  if (!response.ok) throw new AllocationUnverifiedError('MANIFEST', `the signed deployment manifest answered HTTP ${response.status}`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new AllocationUnverifiedError('MANIFEST', 'the signed deployment manifest is not JSON');
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
