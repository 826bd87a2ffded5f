import 'server-only';
import type { EligibilityResponse } from '@/lib/api/types';
import { ApiError } from '@/lib/http/errors';
import { errorMessage, log } from '@/lib/observability/log';
import { getEligibility } from '@/lib/migration/eligibility';
import { enforceRateLimit } from '@/lib/security/rate-limit';
import { type AddressProblem, readAddressInput } from '@/lib/solana/address';

/** What the script-free address check on the home page shows for one submitted address. */
export type AddressCheckResult =
  | { kind: 'invalid'; problem: AddressProblem; length: number }
  | { kind: 'eligibility'; data: EligibilityResponse }
  | { kind: 'rateLimited' }
  | { kind: 'unavailable' };

/**
 * The address check of a page rendered without JavaScript (`/?address=…`): the same answer as
 * `GET /api/v1/eligibility/{wallet}` (lib/migration/eligibility.ts), under the same rate limits
 * (the client the server stamped, lib/security/client-address.ts; the wallet as the subject).
 * Bad input is described, never thrown; a failure to read is `unavailable` (logged), so the page
 * still renders.
 * @param text the `address` query parameter as typed
 * @param request the page request's headers
 */
export async function checkAddressForPage(text: string, request: Pick<Request, 'headers'>): Promise<AddressCheckResult> {
  const input = readAddressInput(text);
  if (!input.ok) return { kind: 'invalid', problem: input.problem, length: input.length };
  try {
    const quota = await enforceRateLimit('eligibility', request);
    return { kind: 'eligibility', data: await quota.forSubject(input.address, () => getEligibility(input.address)) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'RATE_LIMITED') return { kind: 'rateLimited' };
    if (error instanceof ApiError && error.code === 'INVALID_WALLET') return { kind: 'invalid', problem: 'notKey', length: input.address.length };
    log('address-check').error({ event: 'address_check.unreadable', error: errorMessage(error) }, 'eligibility unreadable');
    return { kind: 'unavailable' };
  }
}
