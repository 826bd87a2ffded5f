/**
 * Errors the wallet flows (migration, Revoke) raise themselves, as opposed to API answers
 * (`ApiRequestError`, lib/api/client.ts) and wallet errors (components/wallet/errors.ts). Each is a
 * class so `components/errors/error-text.ts` can turn it into text by code.
 */
import type { MigrationEndReason } from '@/lib/api/types';

/** One thing the transaction policy refused, as the policy module reports it. */
export type Violation = { code: string; message: string; instructionIndex?: number };

/**
 * The browser's own check of the transaction failed: the wallet is never called.
 * `stage` says whether the bytes were the server's (before signing) or the wallet's (after).
 */
export class PolicyRefusal extends Error {
  constructor(
    readonly violations: readonly Violation[],
    readonly stage: 'built' | 'signed',
  ) {
    super(`the transaction failed the migration policy (${violations.map((v) => v.code).join(', ')})`);
    this.name = 'PolicyRefusal';
  }
}

/**
 * A refusal the page decides before asking the server (amount above the remaining allocation or
 * the balance it was just told about, SOL below what the build step would ask). Same codes,
 * details and texts as the API's, so the holder reads one story.
 */
export class EligibilityRefusal extends Error {
  constructor(
    readonly code: 'AMOUNT_EXCEEDS_REMAINING' | 'INSUFFICIENT_BALANCE' | 'ALLOCATION_EXHAUSTED' | 'NOT_IN_SNAPSHOT' | 'INSUFFICIENT_SOL',
    readonly details: Record<string, string>,
  ) {
    super(code);
    this.name = 'EligibilityRefusal';
  }
}

/**
 * The migration settled as failed or expired while the page was waiting for it. `reason` is the
 * chain's own error (failed) or the server's note; `endReason` the server's code for how it ended.
 */
export class MigrationSettledError extends Error {
  constructor(
    readonly state: 'failed' | 'expired',
    readonly reason: string | null,
    readonly endReason: MigrationEndReason | null = null,
  ) {
    super(`the migration ${state}${reason ? `: ${reason}` : ''}`);
    this.name = 'MigrationSettledError';
  }
}

/** The page waited long enough; the transaction may still confirm (a migration's receipt page keeps watching). */
export class ConfirmationTimeoutError extends Error {
  /** @param id the migration id, or the signature of a transaction the page sent itself (Revoke). */
  constructor(readonly id: string) {
    super('still not confirmed');
    this.name = 'ConfirmationTimeoutError';
  }
}

/** The chain's dry run of the unsigned transaction failed: signing it would only fail too. */
export class SimulationFailure extends Error {
  constructor(readonly reason: string) {
    super(`a dry run of the transaction failed: ${reason}`);
    this.name = 'SimulationFailure';
  }
}

/** A transaction the page sent itself (the Revoke) landed and failed: `reason` is the chain's error, as JSON. */
export class OnChainFailure extends Error {
  constructor(readonly reason: string) {
    super(`the transaction failed on chain: ${reason}`);
    this.name = 'OnChainFailure';
  }
}
