/**
 * The one place where anything that goes wrong in the wallet flow becomes text for the holder:
 * API error codes, eligibility reasons, wallet errors (rejection above all), network failures and
 * policy violations. Every text says what happened and what to do next, because "Max Amount
 * Reached" with no explanation is what this portal exists to replace.
 */
import type { EligibilityResponse } from '@/lib/api/types';
import { AmountError, formatBaseUnits } from '@/lib/solana/amounts';
import { ApiRequestError, NetworkError, UnexpectedAnswerError } from '@/components/migrate/api';
import { ConfirmationTimeoutError, EligibilityRefusal, MigrationSettledError, PolicyRefusal, SimulationFailure } from '@/components/migrate/errors';
import { AllocationUnverifiedError } from '@/lib/snapshot/verify-eligibility';

/** What the page can offer as the next step. */
export const ERROR_ACTIONS = {
  /** Build a fresh transaction (expired, failed, rejected in the wallet). */
  rebuild: 'rebuild',
  /** Try the same request again later. */
  retry: 'retry',
  /** Change the amount. */
  editAmount: 'editAmount',
  /** Connect a (different) wallet. */
  reconnect: 'reconnect',
  /** Nothing the holder can do here (ineligible, closed). */
  none: 'none',
} as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[keyof typeof ERROR_ACTIONS];

export type UserErrorText = {
  /** Stable code (API code, eligibility reason or a browser-side one) for tests and support. */
  code: string;
  title: string;
  message: string;
  next: string;
  /** Policy violations, one sentence each, when the transaction was refused. */
  violations: string[];
  action: ErrorAction;
};

export type ErrorTextContext = {
  ai16zDecimals: number;
  /** ISO date-time of the snapshot. */
  snapshotTakenAt: string;
  /** The support page, named in texts where a person can help. */
  supportPath: string;
  locale?: string;
};

const SOL_DECIMALS = 9;

/** Turns anything thrown in the wallet flow into text for the holder. */
export function describeError(error: unknown, ctx: ErrorTextContext): UserErrorText {
  if (error instanceof PolicyRefusal) return policyText(error);
  if (error instanceof EligibilityRefusal) return codeText(error.code, '', error.details, ctx);
  if (error instanceof ApiRequestError) return codeText(error.code, error.message, error.details, ctx, error.retryAfterSeconds);
  if (error instanceof MigrationSettledError) return settledText(error, ctx);
  if (error instanceof ConfirmationTimeoutError) {
    return text('CONFIRMATION_SLOW', 'Still confirming', 'The network has not confirmed your migration yet. It may still land.', 'Open your receipt: it keeps checking and shows the final state. Do not sign again.', 'none');
  }
  if (error instanceof SimulationFailure) {
    return text('SIMULATION_FAILED', 'A dry run of this transaction failed', `Solana would refuse this transaction right now (${error.reason}), so this page does not offer it for signing. Nothing was signed.`, 'Check that the wallet still holds the AI16Z and some SOL, then build the transaction again.', 'rebuild');
  }
  if (error instanceof AllocationUnverifiedError) {
    return text(
      'ALLOCATION_UNVERIFIED',
      'This allocation could not be verified',
      `The portal's answer for this wallet does not match the snapshot commitment in its signed deployment manifest (${error.detail}), so this page shows no allocation and offers no migration.`,
      'Do not sign anything on this site for now. Reload in a few minutes; if it persists, report it from the support page. Anyone can check this deployment with `npm run verify`.',
      'retry',
    );
  }
  if (error instanceof NetworkError) {
    return text('NETWORK', 'No connection to the portal', 'The request did not reach the portal (you may be offline, or the connection dropped).', 'Check your connection and try again. Nothing was signed or sent.', 'retry');
  }
  if (error instanceof UnexpectedAnswerError) {
    return text('UNEXPECTED_ANSWER', 'Unexpected answer from the portal', `The portal answered in a form this page does not accept (HTTP ${error.status}), so it was not used.`, 'Reload the page and try again. Nothing was signed.', 'retry');
  }
  if (error instanceof AmountError) return amountText(error);
  const wallet = walletText(error);
  if (wallet) return wallet;
  return text('UNKNOWN', 'Something went wrong', error instanceof Error && error.message ? error.message : 'An unexpected error happened.', 'Reload the page and try again. If it keeps happening, contact support from the support page.', 'retry');
}

/**
 * Text for an ineligible wallet, from its eligibility answer (`null` when it may migrate).
 * Uses the figures in the answer itself, so the holder sees exactly what the portal sees.
 */
export function describeEligibility(eligibility: EligibilityResponse, ctx: ErrorTextContext): UserErrorText | null {
  if (eligibility.eligible || eligibility.reason === null) return null;
  const details: Record<string, string> = { source: 'eligibility', remaining: eligibility.remaining, pending: eligibility.pending, migrated: eligibility.migrated };
  if (eligibility.snapshotBalance !== null) details.allocation = eligibility.snapshotBalance;
  if (eligibility.balance !== null) details.balance = eligibility.balance;
  return codeText(eligibility.reason, eligibility.message ?? '', details, ctx);
}

function codeText(code: string, serverMessage: string, details: Record<string, unknown>, ctx: ErrorTextContext, retryAfter: number | null = null): UserErrorText {
  const ai16z = (key: string) => {
    const value = baseUnits(details[key]);
    return value === null ? null : `${formatBaseUnits(value, ctx.ai16zDecimals, { locale: ctx.locale })} AI16Z`;
  };
  const sol = (key: string) => {
    const value = baseUnits(details[key]);
    return value === null ? null : `${formatBaseUnits(value, SOL_DECIMALS, { locale: ctx.locale })} SOL`;
  };
  const snapshotDate = new Intl.DateTimeFormat(ctx.locale ?? 'en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ctx.snapshotTakenAt));
  const postSnapshot = `Only AI16Z held at the snapshot of ${snapshotDate} can be migrated; tokens bought after it are not eligible.`;
  const later = retryAfter ? ` in about ${retryAfter} s` : ' in a moment';

  switch (code) {
    case 'NOT_IN_SNAPSHOT':
      return text(
        code,
        'This wallet is not in the snapshot',
        `This wallet did not hold AI16Z at the snapshot taken on ${snapshotDate}. Tokens bought after the snapshot are not eligible.`,
        'If you held AI16Z in another wallet then, connect that wallet. If your tokens were on an exchange (Kraken, Bithumb, …) at the snapshot, the exchange migrates them for you.',
        'reconnect',
      );
    case 'ALLOCATION_EXHAUSTED': {
      const allocation = ai16z('allocation');
      const pending = baseUnits(details.pending);
      const inFlight = pending !== null && pending > 0n ? ` (${ai16z('pending')} of it is still confirming)` : '';
      return text(
        code,
        'Your allocation is fully migrated',
        `This wallet has already migrated its whole snapshot allocation${allocation ? ` of ${allocation}` : ''}${inFlight}.`,
        'There is nothing left to migrate from this wallet. Your receipts show each migration; ELIZAOS is in this wallet once confirmed.',
        'none',
      );
    }
    case 'AMOUNT_EXCEEDS_REMAINING': {
      const remaining = ai16z('remaining');
      const allocation = ai16z('allocation');
      return text(
        code,
        'More than your remaining allocation',
        `You can migrate at most ${remaining ?? 'your remaining allocation'} more from this wallet${allocation ? ` (snapshot allocation ${allocation})` : ''}. ${postSnapshot}`,
        `Enter at most ${remaining ?? 'the remaining amount'}, or press Max.`,
        'editAmount',
      );
    }
    case 'INSUFFICIENT_BALANCE': {
      const balance = ai16z('balance');
      return text(
        code,
        'Not enough AI16Z in this wallet',
        `${balanceSentence(balance, ai16z('requested'), details.source === 'eligibility')} ${postSnapshot}`,
        'Enter at most your balance. AI16Z moved away from this wallet must come back to it before it can be migrated.',
        'editAmount',
      );
    }
    case 'INSUFFICIENT_SOL': {
      const needed = sol('lamportsNeeded');
      const held = sol('lamports');
      return text(
        code,
        'Not enough SOL for the network fee',
        `This wallet needs at least ${needed ?? 'a little SOL'} to pay the network fee (and, the first time, the rent of its ELIZAOS token account)${held ? `; it holds ${held}` : ''}.`,
        'Add SOL to this wallet, then try again. Nothing was signed or sent.',
        'retry',
      );
    }
    case 'WINDOW_NOT_OPEN':
      return text(code, 'The migration has not opened yet', 'The migration window is not open yet.', 'Come back when it opens; the home page shows the date. No one can migrate early, whatever a message says.', 'none');
    case 'WINDOW_CLOSED':
      return text(code, 'The migration window has closed', 'The 90-day migration window is over; the portal no longer builds migration transactions.', `If you could not migrate in time, open a ticket from the support page (${ctx.supportPath}). Support never asks for your seed phrase.`, 'none');
    case 'MAINTENANCE':
      return text(code, 'Paused for maintenance', 'The migration is paused for maintenance. Your allocation is safe.', 'Check the status page for updates and try again later. Nothing was signed.', 'retry');
    case 'RATE_LIMITED':
      return text(code, 'Too many requests', 'The portal is receiving many requests from you or your network.', `Wait${later} and try again. Nothing was signed.`, 'retry');
    case 'RPC_UNAVAILABLE':
      return text(code, 'The Solana network is not reachable', 'The portal could not reach the Solana network just now.', `Try again${later}. Nothing was signed or sent.`, 'retry');
    case 'MIGRATION_EXPIRED':
      return text(code, 'The transaction expired', 'The transaction was not signed and sent within its validity (about a minute). Nothing was sent and nothing moved.', 'Build it again: you get a fresh transaction to review and sign.', 'rebuild');
    case 'MIGRATION_FAILED':
      return text(code, 'The migration failed', `${serverMessage || 'The network refused the transaction.'} Nothing moved; your allocation is not used.`, 'Build it again. If it fails again, contact support with the migration id.', 'rebuild');
    case 'MIGRATION_STATE':
      return text(code, 'This migration already moved on', serverMessage || 'This migration is no longer waiting for a signature.', 'Open its receipt to see what happened, or start a new migration.', 'rebuild');
    case 'POLICY_VIOLATION':
      return {
        ...text(code, 'The portal refused the signed transaction', 'The signed transaction is not the official migration transaction, so the portal did not co-sign or send it. Nothing moved.', 'If your wallet added or changed instructions, turn that off and try again; otherwise build again.', 'rebuild'),
        violations: violationsFrom(details.violations),
      };
    case 'SIGNATURE_INVALID':
      return text(code, 'The wallet signature does not verify', 'The signature your wallet returned does not match the transaction or this wallet.', 'Make sure the connected account is the one that signs (on Ledger: the same derivation path), then build again.', 'rebuild');
    case 'INVALID_TRANSACTION':
      return text(code, 'The signed transaction could not be read', 'The portal could not decode the transaction your wallet returned.', 'Build again. If your wallet converts transactions (versioned), use a different wallet.', 'rebuild');
    case 'INVALID_WALLET':
      return text(code, 'That is not a wallet address', 'The connected account is not a valid Solana address.', 'Disconnect and connect your wallet again.', 'reconnect');
    case 'INVALID_AMOUNT':
      return text(code, 'That amount cannot be migrated', serverMessage || 'The amount is not valid.', 'Enter a positive amount with at most the token\u2019s decimals.', 'editAmount');
    case 'NOT_FOUND':
      return text(code, 'Migration not found', 'The portal has no record of this migration.', 'Start again from this page.', 'rebuild');
    case 'BAD_REQUEST':
      return text(code, 'The request was not accepted', serverMessage || 'The portal did not accept the request.', 'Reload the page and try again.', 'retry');
    case 'INTERNAL':
      return text(code, 'Something went wrong on our side', 'The portal hit an internal error. Nothing was signed or sent.', 'Try again in a moment. If it keeps happening, contact support from the support page.', 'retry');
    default:
      return text(code, 'The portal refused the request', serverMessage || `The portal answered ${code}.`, 'Try again; if it keeps happening, contact support from the support page.', 'retry');
  }
}

function policyText(error: PolicyRefusal): UserErrorText {
  const signed = error.stage === 'signed';
  return {
    ...text(
      signed ? 'WALLET_CHANGED_TRANSACTION' : 'POLICY_VIOLATION',
      signed ? 'Your wallet changed the transaction' : 'This page refused the transaction',
      signed
        ? 'After signing, the transaction is no longer the official migration transaction, so this page did not send it. Nothing moved.'
        : 'The transaction the portal sent is not the official migration transaction, so this page did not ask your wallet to sign it. Nothing was signed.',
      signed
        ? 'Turn off wallet features that add or change instructions and build again. If it happens again, contact support.'
        : 'Do not sign anything for this migration elsewhere. Reload the page and try again; if it happens again, report it on the support page.',
      'rebuild',
    ),
    violations: error.violations.map((v) => (v.instructionIndex === undefined ? v.message : `Instruction ${v.instructionIndex + 1}: ${v.message}`)),
  };
}

function settledText(error: MigrationSettledError, ctx: ErrorTextContext): UserErrorText {
  if (error.state === 'expired') return codeText('MIGRATION_EXPIRED', '', {}, ctx);
  return codeText('MIGRATION_FAILED', error.reason ? `The network refused the transaction (${error.reason}).` : '', {}, ctx);
}

function amountText(error: AmountError): UserErrorText {
  return text(`AMOUNT_${error.code}`, 'Check the amount', error.message, 'Enter a positive amount like 12.5, with a dot for decimals and at most 9 decimals.', 'editAmount');
}

/** Wallet-adapter errors, recognised by name (wallet code may come from another bundle, so instanceof is not enough). */
function walletText(error: unknown): UserErrorText | null {
  if (!(error instanceof Error)) return null;
  const inner: unknown = 'error' in error ? error.error : undefined;
  const innerMessage = inner instanceof Error ? inner.message : '';
  const innerCode = typeof inner === 'object' && inner !== null && 'code' in inner ? inner.code : undefined;
  const rejected = innerCode === 4001 || /reject|denied|declin|cancel/i.test(`${error.message} ${innerMessage}`);
  switch (error.name) {
    case 'WalletSignTransactionError':
    case 'WalletSignMessageError':
      return rejected
        ? text('WALLET_REJECTED', 'You declined in your wallet', 'Nothing was signed and nothing was sent. Your allocation is unchanged.', 'When you are ready, build the transaction again and approve it in your wallet.', 'rebuild')
        : text('WALLET_SIGN_FAILED', 'Your wallet could not sign', error.message || 'The wallet reported an error while signing.', 'Unlock your wallet and try again. On Ledger: open the Solana app and enable blind signing.', 'rebuild');
    case 'WalletConnectionError':
    case 'WalletNotReadyError':
    case 'WalletWindowClosedError':
    case 'WalletWindowBlockedError':
    case 'WalletTimeoutError':
    case 'WalletAccountError':
    case 'WalletPublicKeyError':
      return rejected
        ? text('WALLET_CONNECT_REJECTED', 'Connection declined', 'The wallet did not connect.', 'Choose your wallet again and approve the connection.', 'reconnect')
        : text('WALLET_CONNECT_FAILED', 'The wallet did not connect', error.message || 'The wallet could not connect.', 'Unlock the wallet (on Ledger: plug it in and open the Solana app) and choose it again.', 'reconnect');
    case 'WalletNotConnectedError':
    case 'WalletDisconnectedError':
    case 'WalletNotSelectedError':
      return text('WALLET_NOT_CONNECTED', 'No wallet connected', 'The wallet disconnected.', 'Connect your wallet again.', 'reconnect');
    default:
      return error.name.startsWith('Wallet')
        ? text('WALLET_ERROR', 'Wallet error', error.message || error.name, 'Try again; if it persists, reconnect your wallet.', 'rebuild')
        : null;
  }
}

function balanceSentence(balance: string | null, requested: string | null, fromEligibility: boolean): string {
  if (fromEligibility) return `This wallet holds ${balance ?? 'no AI16Z that can be read'} right now.`;
  if (balance && requested) return `This wallet holds ${balance}, less than the ${requested} asked.`;
  if (balance) return `This wallet holds ${balance}, less than the amount asked.`;
  return 'This wallet holds less AI16Z than the amount asked.';
}

function violationsFrom(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => (typeof v === 'object' && v !== null && 'message' in v && typeof v.message === 'string' ? [v.message] : []));
}

function baseUnits(value: unknown): bigint | null {
  return typeof value === 'string' && /^\d{1,20}$/.test(value) ? BigInt(value) : null;
}

function text(code: string, title: string, message: string, next: string, action: ErrorAction): UserErrorText {
  return { code, title, message, next, violations: [], action };
}
