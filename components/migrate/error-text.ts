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
import { type PolicyTranslator, violationRefsFrom, violationTexts } from '@/lib/i18n/violations';
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
  /** Policy violations, one sentence each (worded by code), when the transaction was refused. */
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
  /** The `errors` namespace of messages/{locale}.json (next-intl `useTranslations('errors')`). */
  t: ErrorTranslator;
  /** The `policy` namespace (`useTranslations('policy')`): policy violations are worded by code. */
  policy: PolicyTranslator;
};

/** Looks up `errors.{key}` in the page's locale with ICU values. */
export type ErrorTranslator = (key: string, values?: Record<string, string | number>) => string;

const SOL_DECIMALS = 9;

/** Turns anything thrown in the wallet flow into text for the holder. */
export function describeError(error: unknown, ctx: ErrorTextContext): UserErrorText {
  const { t } = ctx;
  if (error instanceof PolicyRefusal) return policyText(error, ctx);
  if (error instanceof EligibilityRefusal) return codeText(error.code, '', error.details, ctx);
  if (error instanceof ApiRequestError) return codeText(error.code, error.message, error.details, ctx, error.retryAfterSeconds);
  if (error instanceof MigrationSettledError) return settledText(error, ctx);
  if (error instanceof ConfirmationTimeoutError) return coded(ctx, 'CONFIRMATION_SLOW', 'none');
  if (error instanceof SimulationFailure) return coded(ctx, 'SIMULATION_FAILED', 'rebuild', { reason: error.reason });
  if (error instanceof AllocationUnverifiedError) return coded(ctx, 'ALLOCATION_UNVERIFIED', 'retry', { detail: error.detail });
  if (error instanceof NetworkError) return coded(ctx, 'NETWORK', 'retry');
  if (error instanceof UnexpectedAnswerError) return coded(ctx, 'UNEXPECTED_ANSWER', 'retry', { status: error.status });
  if (error instanceof AmountError) return text(`AMOUNT_${error.code}`, t('AMOUNT.title'), error.message, t('AMOUNT.next'), 'editAmount');
  const wallet = walletText(error, ctx);
  if (wallet) return wallet;
  return text('UNKNOWN', t('UNKNOWN.title'), error instanceof Error && error.message ? error.message : t('UNKNOWN.message'), t('UNKNOWN.next'), 'retry');
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
  const { t } = ctx;
  const ai16z = (key: string) => {
    const value = baseUnits(details[key]);
    return value === null ? null : `${formatBaseUnits(value, ctx.ai16zDecimals, { locale: ctx.locale })} AI16Z`;
  };
  const sol = (key: string) => {
    const value = baseUnits(details[key]);
    return value === null ? null : `${formatBaseUnits(value, SOL_DECIMALS, { locale: ctx.locale })} SOL`;
  };
  const snapshotDate = new Intl.DateTimeFormat(ctx.locale ?? 'en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ctx.snapshotTakenAt));
  const postSnapshot = t('postSnapshot', { snapshotDate });
  const later = retryAfter ? t('laterSeconds', { seconds: retryAfter }) : t('laterMoment');

  switch (code) {
    case 'NOT_IN_SNAPSHOT':
      return coded(ctx, code, 'reconnect', { snapshotDate });
    case 'ALLOCATION_EXHAUSTED': {
      const allocation = ai16z('allocation');
      const pending = baseUnits(details.pending);
      const inFlight = pending !== null && pending > 0n ? t('ALLOCATION_EXHAUSTED.inFlight', { pending: ai16z('pending') ?? '' }) : '';
      const message = allocation ? t('ALLOCATION_EXHAUSTED.messageWithAllocation', { allocation, inFlight }) : t('ALLOCATION_EXHAUSTED.message', { inFlight });
      return text(code, t('ALLOCATION_EXHAUSTED.title'), message, t('ALLOCATION_EXHAUSTED.next'), 'none');
    }
    case 'AMOUNT_EXCEEDS_REMAINING': {
      const remaining = ai16z('remaining') ?? t('AMOUNT_EXCEEDS_REMAINING.remainingUnknown');
      const allocation = ai16z('allocation');
      const message = allocation
        ? t('AMOUNT_EXCEEDS_REMAINING.messageWithAllocation', { remaining, allocation, postSnapshot })
        : t('AMOUNT_EXCEEDS_REMAINING.message', { remaining, postSnapshot });
      return text(code, t('AMOUNT_EXCEEDS_REMAINING.title'), message, t('AMOUNT_EXCEEDS_REMAINING.next', { remaining }), 'editAmount');
    }
    case 'INSUFFICIENT_BALANCE': {
      const sentence = balanceSentence(ai16z('balance'), ai16z('requested'), details.source === 'eligibility', t);
      return text(code, t('INSUFFICIENT_BALANCE.title'), `${sentence} ${postSnapshot}`, t('INSUFFICIENT_BALANCE.next'), 'editAmount');
    }
    case 'INSUFFICIENT_SOL': {
      const needed = sol('lamportsNeeded') ?? t('INSUFFICIENT_SOL.someSol');
      const held = sol('lamports');
      const message = held ? t('INSUFFICIENT_SOL.messageHeld', { needed, held }) : t('INSUFFICIENT_SOL.message', { needed });
      return text(code, t('INSUFFICIENT_SOL.title'), message, t('INSUFFICIENT_SOL.next'), 'retry');
    }
    case 'WINDOW_NOT_OPEN':
      return coded(ctx, code, 'none');
    case 'WALLET_CANNOT_SIGN':
    case 'WINDOW_CLOSED':
      return coded(ctx, code, 'none', { supportPath: ctx.supportPath });
    case 'MAINTENANCE':
      return coded(ctx, code, 'retry');
    case 'RATE_LIMITED':
    case 'RPC_UNAVAILABLE':
      return coded(ctx, code, 'retry', { later });
    case 'MIGRATION_EXPIRED':
      return coded(ctx, code, 'rebuild');
    case 'MIGRATION_FAILED':
      return text(code, t('MIGRATION_FAILED.title'), t('MIGRATION_FAILED.message', { reason: serverMessage || t('MIGRATION_FAILED.refused') }), t('MIGRATION_FAILED.next'), 'rebuild');
    case 'MIGRATION_STATE':
      return text(code, t('MIGRATION_STATE.title'), serverMessage || t('MIGRATION_STATE.message'), t('MIGRATION_STATE.next'), 'rebuild');
    case 'POLICY_VIOLATION':
      return { ...coded(ctx, code, 'rebuild'), violations: violationTexts(violationRefsFrom(details.violations), ctx.policy).map((v) => v.text) };
    case 'SIGNATURE_INVALID':
    case 'INVALID_TRANSACTION':
      return coded(ctx, code, 'rebuild');
    case 'INVALID_WALLET':
      return coded(ctx, code, 'reconnect');
    case 'INVALID_AMOUNT':
      return text(code, t('INVALID_AMOUNT.title'), serverMessage || t('INVALID_AMOUNT.message'), t('INVALID_AMOUNT.next'), 'editAmount');
    case 'NOT_FOUND':
      return coded(ctx, code, 'rebuild');
    case 'BAD_REQUEST':
      return text(code, t('BAD_REQUEST.title'), serverMessage || t('BAD_REQUEST.message'), t('BAD_REQUEST.next'), 'retry');
    case 'INTERNAL':
      return coded(ctx, code, 'retry');
    default:
      return text(code, t('OTHER.title'), serverMessage || t('OTHER.message', { code }), t('OTHER.next'), 'retry');
  }
}

function policyText(error: PolicyRefusal, ctx: ErrorTextContext): UserErrorText {
  const code = error.stage === 'signed' ? 'WALLET_CHANGED_TRANSACTION' : 'POLICY_REFUSED';
  return {
    ...coded(ctx, code, 'rebuild'),
    code: error.stage === 'signed' ? 'WALLET_CHANGED_TRANSACTION' : 'POLICY_VIOLATION',
    violations: violationTexts(error.violations, ctx.policy).map((v) => v.text),
  };
}

function settledText(error: MigrationSettledError, ctx: ErrorTextContext): UserErrorText {
  if (error.state === 'expired') return codeText('MIGRATION_EXPIRED', '', {}, ctx);
  return codeText('MIGRATION_FAILED', error.reason ? ctx.t('MIGRATION_FAILED.refusedBecause', { reason: error.reason }) : '', {}, ctx);
}

/** Wallet-adapter errors, recognised by name (wallet code may come from another bundle, so instanceof is not enough). */
function walletText(error: unknown, ctx: ErrorTextContext): UserErrorText | null {
  const { t } = ctx;
  if (!(error instanceof Error)) return null;
  const inner: unknown = 'error' in error ? error.error : undefined;
  const innerMessage = inner instanceof Error ? inner.message : '';
  const innerCode = typeof inner === 'object' && inner !== null && 'code' in inner ? inner.code : undefined;
  const rejected = innerCode === 4001 || /reject|denied|declin|cancel/i.test(`${error.message} ${innerMessage}`);
  switch (error.name) {
    case 'WalletSignTransactionError':
    case 'WalletSignMessageError':
      return rejected
        ? coded(ctx, 'WALLET_REJECTED', 'rebuild')
        : text('WALLET_SIGN_FAILED', t('WALLET_SIGN_FAILED.title'), error.message || t('WALLET_SIGN_FAILED.message'), t('WALLET_SIGN_FAILED.next'), 'rebuild');
    case 'WalletConnectionError':
    case 'WalletNotReadyError':
    case 'WalletWindowClosedError':
    case 'WalletWindowBlockedError':
    case 'WalletTimeoutError':
    case 'WalletAccountError':
    case 'WalletPublicKeyError':
      return rejected
        ? coded(ctx, 'WALLET_CONNECT_REJECTED', 'reconnect')
        : text('WALLET_CONNECT_FAILED', t('WALLET_CONNECT_FAILED.title'), error.message || t('WALLET_CONNECT_FAILED.message'), t('WALLET_CONNECT_FAILED.next'), 'reconnect');
    case 'WalletNotConnectedError':
    case 'WalletDisconnectedError':
    case 'WalletNotSelectedError':
      return coded(ctx, 'WALLET_NOT_CONNECTED', 'reconnect');
    default:
      return error.name.startsWith('Wallet') ? text('WALLET_ERROR', t('WALLET_ERROR.title'), error.message || error.name, t('WALLET_ERROR.next'), 'rebuild') : null;
  }
}

function balanceSentence(balance: string | null, requested: string | null, fromEligibility: boolean, t: ErrorTranslator): string {
  if (fromEligibility) return balance ? t('INSUFFICIENT_BALANCE.holds', { balance }) : t('INSUFFICIENT_BALANCE.holdsUnreadable');
  if (balance && requested) return t('INSUFFICIENT_BALANCE.holdsLessThan', { balance, requested });
  if (balance) return t('INSUFFICIENT_BALANCE.holdsLess', { balance });
  return t('INSUFFICIENT_BALANCE.holdsLessUnknown');
}

function baseUnits(value: unknown): bigint | null {
  return typeof value === 'string' && /^\d{1,20}$/.test(value) ? BigInt(value) : null;
}

/** A code's title, message and next step from `errors.{code}.*`, with the same values for all three. */
function coded(ctx: ErrorTextContext, code: string, action: ErrorAction, values?: Record<string, string | number>): UserErrorText {
  return text(code, ctx.t(`${code}.title`, values), ctx.t(`${code}.message`, values), ctx.t(`${code}.next`, values), action);
}

function text(code: string, title: string, message: string, next: string, action: ErrorAction): UserErrorText {
  return { code, title, message, next, violations: [], action };
}
