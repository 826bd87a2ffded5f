/**
 * The one place where anything that stops `npm run migrate` becomes an exit code and text: the
 * portal's error answers by their API code (DESIGN.md "HTTP API v1", lib/http/errors.ts), each
 * with a next step worded for the command line, and the command line's own refusals
 * (README "Command line (CLI)" lists the exit codes).
 */
import type { ErrorCode } from '@/lib/http/errors';
import { AmountError } from '@/lib/solana/amounts';
import { AllocationUnverifiedError } from '@/lib/snapshot/verify-eligibility';
import { PolicyRefusal } from '@/components/migrate/errors';
import { KeypairError } from '@/scripts/lib/keypair';
import { OfflineFileError } from '@/scripts/migrate/offline-file';
import { ApiRequestError, NetworkError, UnexpectedAnswerError } from '@/lib/api/client';
import { ManifestRefused, PinnedKeyRequired } from '@/scripts/migrate/trust';

/** Exit codes (README "Command line (CLI)"). */
export const EXIT = {
  /** Migrated and confirmed; or the offline file was written / signed. */
  OK: 0,
  /** The portal refused (its API code is printed), or the migration failed or expired on chain. */
  REFUSED: 1,
  /** The command line, a keypair file or an offline file is unusable; or no release key is pinned where one is required. */
  USAGE: 2,
  /** Not verified: the manifest's signature, the allocation proof or the transaction failed a check. Nothing was signed or sent. */
  NOT_VERIFIED: 3,
  /** The holder answered no at the confirmation prompt. Nothing was signed. */
  DECLINED: 4,
  /** The portal (or the RPC) could not be reached, or answered in an undocumented shape. */
  UNREACHABLE: 5,
  /** Sent, but not confirmed within --timeout: it may still land (the receipt page keeps watching). */
  NOT_CONFIRMED: 6,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A refusal of the command line itself: a stable `code`, a sentence, the exit code, and what to do. */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exit: ExitCode,
    readonly next: string | null = null,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** A command line that cannot run: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The migration settled as failed or expired while the command line waited for it. */
export class MigrationSettled extends Error {
  constructor(
    readonly state: 'failed' | 'expired',
    readonly migrationId: string,
    readonly reason: string | null,
  ) {
    super(`the migration ${migrationId} ${state}${reason ? ` (${reason})` : ''}`);
    this.name = 'MigrationSettled';
  }
}

/** Where the command line was when the portal refused: says what did not happen. */
export type Stage = 'manifest' | 'build' | 'submit' | 'wait';

const DEPOSIT_HINT = 'A custody flow that needs longer than about a minute between build and submit should use the deposit-and-receive path (docs/DESIGN.md "Deposit and receive") instead.';

/**
 * The command line's next step for each API error code the public endpoints answer with
 * (the API's own `message` is printed first). Worded for a terminal: which flag to change.
 */
export const API_CODE_NEXT_STEP: Record<ErrorCode, string> = {
  BAD_REQUEST: 'The portal did not accept the request as sent: update this tool (git pull && npm ci) and run it again.',
  INVALID_WALLET: 'Check the wallet address (--wallet) or the keypair file (--keypair).',
  INVALID_AMOUNT: 'Use a positive amount with at most the token’s decimals, e.g. --amount 12.5.',
  INVALID_SIGNATURE: 'Pass the deposit transaction’s signature as the wallet or explorer shows it (base58, about 88 characters).',
  INVALID_TRANSACTION: 'Sign the transaction from the file as it is (legacy wire format, unchanged) and run --submit-signed again.',
  SEED_PHRASE_REFUSED: 'Never send a recovery phrase or a secret key to anyone, the portal included.',
  PAYLOAD_TOO_LARGE: 'Submit the transaction from the file unchanged.',
  UNSUPPORTED_MEDIA_TYPE: 'Update this tool (git pull && npm ci) and run it again.',
  UNAUTHENTICATED: 'This is not an action of the migration command line.',
  FORBIDDEN: 'This is not an action of the migration command line.',
  NOT_IN_SNAPSHOT: 'Only wallets in the snapshot can migrate: use the keypair of the wallet that held AI16Z at the snapshot. AI16Z held on an exchange then is migrated by the exchange.',
  NOT_FOUND: 'The portal has no such migration: start again (without the file) for a fresh transaction.',
  DEPOSIT_NOT_FOUND: 'The portal has not seen this deposit yet: a deposit counts once it is final (about 15 seconds on mainnet); check the signature and look again in a minute.',
  METHOD_NOT_ALLOWED: 'Update this tool (git pull && npm ci) and run it again.',
  ALLOCATION_EXHAUSTED: 'There is nothing left to migrate from this wallet; its receipts show each migration.',
  AMOUNT_EXCEEDS_REMAINING: 'Ask for at most the remaining allocation (--amount).',
  INSUFFICIENT_BALANCE: 'Ask for at most the AI16Z this wallet holds (--amount); AI16Z moved away must come back to this wallet first.',
  INSUFFICIENT_SOL: 'Add SOL to this wallet for the network fee (and, the first time, the ELIZAOS account rent), then run the command again.',
  MIGRATION_EXPIRED: `Run the command again for a fresh transaction, and sign and submit it within about a minute. ${DEPOSIT_HINT}`,
  MIGRATION_FAILED: 'Run the command again for a fresh transaction; if it fails again, contact support with the migration id.',
  MIGRATION_STATE: 'Open the migration’s receipt to see what happened, or start a new migration.',
  CONFLICT: 'Try again in a moment.',
  POLICY_VIOLATION: 'Sign the transaction exactly as issued (no added instructions, no changed compute budget) and submit again, or start again.',
  SIGNATURE_INVALID: 'Sign with the key of the wallet the migration is for, then submit again.',
  WALLET_CANNOT_SIGN: 'This address has no private key (a program-derived address, such as a multisig vault), so no keypair can sign for it: migrate it by deposit and receive (the portal\'s /support page guides you).',
  NOT_A_DEPOSIT: 'That transaction sent nothing to the deposit address (or failed on chain): check the signature, and that the transfer went to the address the portal publishes.',
  RATE_LIMITED: 'Wait and run the command again.',
  MAINTENANCE: 'The migration is paused: check the portal’s status page and run the command again later.',
  WINDOW_NOT_OPEN: 'The migration window has not opened yet: the portal’s status page shows when it does.',
  WINDOW_CLOSED: 'The migration window has closed. If you could not migrate in time, open a ticket on the portal’s support page; support never asks for a recovery phrase.',
  RPC_UNAVAILABLE: 'The portal could not reach Solana just now: run the command again in a moment.',
  DATABASE_UNAVAILABLE: 'The portal cannot reach its database right now, so nothing was signed or sent: check the portal’s status page and run the command again in a few minutes.',
  MANIFEST_UNAVAILABLE: 'The portal serves no signed manifest right now, so nothing can be verified: try again later, and check the deployment with `npm run verify`.',
  INTERNAL: 'Run the command again in a moment; if it keeps happening, contact support.',
};

/** What was not done, by stage. */
const NOTHING_DONE: Record<Stage, string> = {
  manifest: 'Nothing was built, signed or sent.',
  build: 'Nothing was signed or sent.',
  submit: 'The portal did not co-sign or send it.',
  wait: 'The transaction was sent; see its receipt.',
};

export type FailureReport = { exit: ExitCode; code: string; lines: string[] };

/** Turns anything thrown by a command into its exit code and the lines printed on stderr. */
export function describeFailure(error: unknown, stage: Stage): FailureReport {
  const report = (exit: ExitCode, code: string, message: string, ...more: (string | null | undefined)[]): FailureReport => ({
    exit,
    code,
    lines: [`migrate: ${code}: ${message}`, ...more.filter((l): l is string => Boolean(l)).map((l) => `  ${l}`)],
  });
  if (error instanceof UsageError) return report(EXIT.USAGE, 'USAGE', error.message);
  if (error instanceof CliFailure) return report(error.exit, error.code, error.message, error.next);
  if (error instanceof KeypairError) return report(EXIT.USAGE, 'KEYPAIR', error.message, 'Pass a Solana CLI keypair file (a JSON array of 64 bytes, as solana-keygen writes it).');
  if (error instanceof OfflineFileError) return report(EXIT.USAGE, 'OFFLINE_FILE', error.message, 'Pass the file --unsigned-out wrote (signed: only its "transaction" replaced).');
  if (error instanceof PinnedKeyRequired) return report(EXIT.USAGE, 'PUBLIC_KEY_REQUIRED', error.message, NOTHING_DONE.manifest);
  if (error instanceof AmountError) return report(EXIT.USAGE, `AMOUNT_${error.code}`, error.message, 'Write the amount as a decimal with a dot, e.g. --amount 12.5.');
  if (error instanceof ManifestRefused) {
    return report(
      EXIT.NOT_VERIFIED,
      `MANIFEST_${error.problem.code}`,
      `the portal's signed manifest does not verify: ${error.problem.message}.`,
      'Check that --public-key is the release key the README and the security page publish, and that --url is the official portal. Do not sign anything for this portal until it verifies.',
      NOTHING_DONE.manifest,
    );
  }
  if (error instanceof AllocationUnverifiedError) {
    return report(EXIT.NOT_VERIFIED, 'ALLOCATION_UNVERIFIED', `the portal's answer for this wallet does not match its signed snapshot commitment (${error.reason}: ${error.detail}).`, 'Do not sign anything for this portal for now; report it on the support page.', NOTHING_DONE.manifest);
  }
  if (error instanceof PolicyRefusal) {
    const what = error.stage === 'built' ? 'the transaction is not the official migration transaction for what you asked' : 'the signed transaction is not the one the portal issued';
    return {
      exit: EXIT.NOT_VERIFIED,
      code: 'NOT_VERIFIED',
      lines: [
        `migrate: NOT_VERIFIED: ${what}. ${error.stage === 'built' ? 'Nothing was signed or sent.' : 'Nothing was sent.'}`,
        ...error.violations.map((v) => `  - ${v.code}: ${v.message}`),
        '  Do not sign this transaction anywhere else. If it came from the portal, report it on the support page.',
      ],
    };
  }
  if (error instanceof MigrationSettled) {
    const code = error.state === 'expired' ? 'MIGRATION_EXPIRED' : 'MIGRATION_FAILED';
    return report(EXIT.REFUSED, code, `the migration ${error.migrationId} ${error.state === 'expired' ? 'expired before it landed: nothing was moved' : `failed on chain${error.reason ? ` (${error.reason})` : ''}: nothing was moved`}.`, API_CODE_NEXT_STEP[code]);
  }
  if (error instanceof ApiRequestError) {
    const next = (API_CODE_NEXT_STEP as Record<string, string>)[error.code] ?? 'Run the command again; if it keeps happening, contact support.';
    const retry = error.retryAfterSeconds ? ` (the portal says: retry after ${error.retryAfterSeconds} s)` : '';
    const violations = Array.isArray(error.details.violations) ? (error.details.violations as { code?: unknown; message?: unknown }[]).map((v) => `- ${String(v.code)}: ${String(v.message)}`) : [];
    return report(EXIT.REFUSED, error.code, `${error.message} (HTTP ${error.status})`, ...violations, `${next}${retry}`, NOTHING_DONE[stage]);
  }
  if (error instanceof NetworkError) return report(EXIT.UNREACHABLE, 'NETWORK', error.message, 'Check --url and your connection, then run the command again.', NOTHING_DONE[stage]);
  if (error instanceof UnexpectedAnswerError) return report(EXIT.UNREACHABLE, 'UNEXPECTED_ANSWER', `${error.message}: the answer was not used.`, 'Check that --url is the portal (not a page in front of it), then run the command again.', NOTHING_DONE[stage]);
  return report(EXIT.REFUSED, 'UNKNOWN', error instanceof Error ? error.message : String(error), NOTHING_DONE[stage]);
}
