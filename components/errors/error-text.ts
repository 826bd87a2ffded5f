/**
 * The one place where anything that goes wrong becomes text for the holder or the ops person: API
 * error codes (lib/api/client.ts), eligibility reasons, wallet errors (components/wallet/errors.ts:
 * rejection above all), RPC and network failures, policy violations, the support desk's secret
 * guard. Every error is first given a code; its title, message and next step come from
 * `errors.{code}` in messages/{en,ko}.json, so a Korean page never shows a server's English
 * sentence. Every text says what happened and what to do next, because "Max Amount Reached" with no
 * explanation is what this portal exists to replace.
 *
 * The same code can read differently depending on what the person was doing (`about`): a declined
 * Revoke is not a declined migration. {@link VARIANTS} names those texts; the code stays the same.
 * The ops console (English only) also shows the server's own sentence as `detail`.
 *
 * Light on purpose (the support and ticket pages load it): errors of the Solana modules are
 * recognised by name, and policy violations are worded by the `violations` function the wallet
 * pages pass in (lib/i18n/violations.ts needs the policy modules, and so web3.js).
 */
import type { EligibilityResponse } from '@/lib/api/types';
import { ApiRequestError, NetworkError, UnexpectedAnswerError } from '@/lib/api/client';
import { type ViolationRef, violationRefsFrom } from '@/lib/i18n/violation-refs';
import type { AllocationUnverifiedError } from '@/lib/snapshot/verify-eligibility';
import { AmountError, formatBaseUnits } from '@/lib/solana/amounts';
import type { DelegationReadError } from '@/lib/solana/delegations';
import { ConfirmationTimeoutError, EligibilityRefusal, MigrationSettledError, OnChainFailure, PolicyRefusal, SimulationFailure } from '@/components/migrate/errors';
import { walletFailure, type WalletFailure } from '@/components/wallet/errors';

/** The support page, named in texts where a person can help (pages add the locale prefix). */
export const SUPPORT_PATH = '/support';

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
  /** Change what was typed (the support form). */
  edit: 'edit',
  /** Nothing the holder can do here (ineligible, closed). */
  none: 'none',
} as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[keyof typeof ERROR_ACTIONS];

/** What the person was doing when the error came: picks the wording of codes that differ. */
export const ERROR_SUBJECTS = ['migration', 'revoke', 'support', 'ticket', 'opsSignIn', 'ops'] as const;
export type ErrorSubject = (typeof ERROR_SUBJECTS)[number];

/**
 * Codes worded differently for a subject: `code → key under errors.*`. Every other code uses
 * `errors.{code}` whatever the subject.
 */
export const VARIANTS: Readonly<Partial<Record<ErrorSubject, Readonly<Record<string, string>>>>> = {
  revoke: {
    WALLET_REJECTED: 'REVOKE_DECLINED',
    POLICY_VIOLATION: 'REVOKE_PORTAL_REFUSED',
    POLICY_REFUSED: 'REVOKE_POLICY_REFUSED',
    WALLET_CHANGED_TRANSACTION: 'REVOKE_WALLET_CHANGED',
    CONFIRMATION_SLOW: 'REVOKE_NOT_CONFIRMED',
    TRANSACTION_FAILED: 'REVOKE_FAILED',
    UNKNOWN: 'REVOKE_FAILED',
  },
  ticket: { NOT_FOUND: 'TICKET_NOT_FOUND' },
  opsSignIn: { WALLET_REJECTED: 'SIGN_IN_DECLINED', NOT_FOUND: 'OPS_NOT_FOUND' },
  ops: { NOT_FOUND: 'OPS_NOT_FOUND' },
};

export type UserErrorText = {
  /** Stable code (API code, eligibility reason or a browser-side one) for tests and support. */
  code: string;
  title: string;
  message: string;
  next: string;
  /** Policy violations, one sentence each (worded by code), when the transaction was refused. */
  violations: string[];
  /**
   * Words that are not ours, shown apart: the wallet's or the chain's own error, or (ops console
   * only) the server's sentence. Null when there are none.
   */
  detail: string | null;
  action: ErrorAction;
};

export type ErrorTextContext = {
  /** The `errors` namespace of messages/{locale}.json (next-intl `useTranslations('errors')`). */
  t: ErrorTranslator;
  /**
   * Words policy violations by code in the page's language (`violationTexts` of
   * lib/i18n/violations.ts with the `policy` namespace); without it, no violations are listed.
   */
  violations?: (refs: readonly ViolationRef[]) => string[];
  locale?: string;
  /** The support page, named in texts where a person can help. */
  supportPath: string;
  /** What the person was doing (default `migration`). */
  about?: ErrorSubject;
  /** AI16Z decimals, for amounts in eligibility answers (the wallet flow). */
  ai16zDecimals?: number;
  /** ISO date-time of the snapshot (the wallet flow). */
  snapshotTakenAt?: string;
  /** Labels of the form's fields by request field name, to say which to fix (the support form). */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Show the server's own (English) sentence as `detail`: the ops console only. */
  serverDetail?: boolean;
};

/** Looks up `errors.{key}` in the page's locale with ICU values. */
export type ErrorTranslator = (key: string, values?: Record<string, string | number>) => string;

const SOL_DECIMALS = 9;
/** Longest part of a wallet's or the chain's own text that is shown (it may be long RPC output). */
const MAX_DETAIL_CHARS = 200;

/**
 * The secret guard refused the text before it was sent (lib/support/secret-guard.ts): the same
 * code as the server's refusal, so both read the same.
 */
export class SecretRefusal extends Error {
  readonly code = 'SEED_PHRASE_REFUSED';
  constructor(readonly field: string) {
    super('the text looks like a recovery phrase or a private key: not sent');
    this.name = 'SecretRefusal';
  }
}

/** Turns anything thrown in the browser into text for the person, in the page's language. */
export function describeError(error: unknown, ctx: ErrorTextContext): UserErrorText {
  const { t } = ctx;
  if (error instanceof PolicyRefusal) return policyText(error, ctx);
  if (error instanceof EligibilityRefusal) return codeText(error.code, '', error.details, ctx);
  if (error instanceof ApiRequestError) return codeText(error.code, error.message, error.details, ctx, error.retryAfterSeconds);
  if (error instanceof SecretRefusal) return coded(ctx, error.code, 'edit');
  if (error instanceof MigrationSettledError) return settledText(error, ctx);
  if (error instanceof ConfirmationTimeoutError) return coded(ctx, 'CONFIRMATION_SLOW', 'none');
  if (error instanceof OnChainFailure) return { ...coded(ctx, 'TRANSACTION_FAILED', 'rebuild'), detail: clip(error.reason) };
  if (error instanceof SimulationFailure) return coded(ctx, 'SIMULATION_FAILED', 'rebuild', { reason: error.reason });
  if (named<AllocationUnverifiedError>(error, 'AllocationUnverifiedError')) return coded(ctx, 'ALLOCATION_UNVERIFIED', 'retry', { detail: error.detail });
  if (named<DelegationReadError>(error, 'DelegationReadError')) return coded(ctx, `ACCOUNT_READ_${error.reason}`, 'retry', { symbol: error.facts.symbol, account: error.facts.account ?? '' });
  if (error instanceof NetworkError) return coded(ctx, 'NETWORK', 'retry');
  if (error instanceof UnexpectedAnswerError) return coded(ctx, 'UNEXPECTED_ANSWER', 'retry', { status: error.status });
  if (error instanceof AmountError) return text(`AMOUNT_${error.code}`, t('AMOUNT.title'), t(`AMOUNT.${error.code}`, amountValues(error)), t('AMOUNT.next', amountValues(error)), 'editAmount');
  const wallet = walletFailure(error);
  if (wallet) return walletText(wallet, error, ctx);
  const rpc = rpcCode(error);
  if (rpc) return codeText(rpc, '', {}, ctx);
  return { ...coded(ctx, 'UNKNOWN', 'retry', { reason: ownWords(error) ?? '' }), detail: ownWords(error) };
}

/**
 * The few words a button says about an amount the page refuses as it is typed (the field says the
 * rest, with {@link describeError}): "More than your remaining 750 AI16Z", "At most 9 decimals".
 */
export function amountProblemText(error: unknown, ctx: ErrorTextContext): string {
  const { t } = ctx;
  if (error instanceof AmountError) return t(`AMOUNT.short.${error.code}`, amountValues(error));
  if (error instanceof EligibilityRefusal && (error.code === 'AMOUNT_EXCEEDS_REMAINING' || error.code === 'INSUFFICIENT_BALANCE')) {
    const amount = ctx.ai16zDecimals === undefined ? null : (key: string) => {
      const value = baseUnits(error.details[key]);
      return value === null ? '' : `${formatBaseUnits(value, ctx.ai16zDecimals ?? 0, { locale: ctx.locale })} AI16Z`;
    };
    return error.code === 'AMOUNT_EXCEEDS_REMAINING'
      ? t('AMOUNT_EXCEEDS_REMAINING.short', { remaining: amount?.('remaining') ?? '' })
      : t('INSUFFICIENT_BALANCE.short', { balance: amount?.('balance') ?? '' });
  }
  return describeError(error, ctx).title;
}

/**
 * A submit the portal accepted (co-signed, counted against the allocation) whose first send a
 * node's dry run refused (`warning: {code: SEND_REFUSED}` of the 202 answer): what it means and
 * what to do, with the node's own words apart (DESIGN.md "The state machine of a migration", Sends).
 */
export function describeSubmitWarning(warning: { code: string; details: { reason: string; lastValidBlockHeight: string } }, ctx: ErrorTextContext): UserErrorText {
  return { ...coded(ctx, warning.code === 'SEND_REFUSED' ? 'SEND_REFUSED' : 'OTHER', 'none', { lastValidBlockHeight: warning.details.lastValidBlockHeight, code: warning.code }), detail: clip(warning.details.reason) };
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
  return codeText(eligibility.reason, '', details, ctx);
}

function codeText(code: string, serverMessage: string, details: Record<string, unknown>, ctx: ErrorTextContext, retryAfter: number | null = null): UserErrorText {
  const described = codeTextWithoutDetail(code, details, ctx, retryAfter);
  return ctx.serverDetail && serverMessage ? { ...described, detail: serverMessage } : described;
}

function codeTextWithoutDetail(code: string, details: Record<string, unknown>, ctx: ErrorTextContext, retryAfter: number | null): UserErrorText {
  const { t } = ctx;
  const ai16z = (key: string) => {
    const value = baseUnits(details[key]);
    return value === null || ctx.ai16zDecimals === undefined ? null : `${formatBaseUnits(value, ctx.ai16zDecimals, { locale: ctx.locale })} AI16Z`;
  };
  const sol = (key: string) => {
    const value = baseUnits(details[key]);
    return value === null ? null : `${formatBaseUnits(value, SOL_DECIMALS, { locale: ctx.locale })} SOL`;
  };
  const snapshotDate = ctx.snapshotTakenAt
    ? new Intl.DateTimeFormat(ctx.locale ?? 'en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ctx.snapshotTakenAt))
    : t('snapshotDateUnknown');
  const postSnapshot = t('postSnapshot', { snapshotDate });
  const later = retryAfter ? t('laterSeconds', { seconds: retryAfter }) : t('laterMoment');

  switch (code) {
    case 'NOT_IN_SNAPSHOT':
      return coded(ctx, code, 'reconnect', { snapshotDate });
    case 'ALLOCATION_EXHAUSTED': {
      const allocation = ai16z('allocation');
      const pending = baseUnits(details.pending);
      const inFlight = pending !== null && pending > 0n && ai16z('pending') ? t('ALLOCATION_EXHAUSTED.inFlight', { pending: ai16z('pending') ?? '' }) : '';
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
      // The parts of the one figure (lib/solana/sol-needed.ts): flat from the page, under `parts` from the API.
      const parts = typeof details.parts === 'object' && details.parts !== null ? (details.parts as Record<string, unknown>) : details;
      const part = (key: string) => {
        const value = baseUnits(parts[key]);
        return value === null ? null : `${formatBaseUnits(value, SOL_DECIMALS, { locale: ctx.locale })} SOL`;
      };
      const [fee, reserve, rent, minimum] = [part('networkFee'), part('priorityFeeReserve'), part('ataRent'), part('walletMinimum')];
      const breakdown = fee && reserve && rent && minimum ? ` ${t(baseUnits(parts.ataRent) === 0n ? 'INSUFFICIENT_SOL.partsNoRent' : 'INSUFFICIENT_SOL.parts', { fee, reserve, rent, minimum })}` : '';
      const message = held ? t('INSUFFICIENT_SOL.messageHeld', { needed, held, breakdown }) : t('INSUFFICIENT_SOL.message', { needed, breakdown });
      const lacking = baseUnits(details.lamportsNeeded) !== null && baseUnits(details.lamports) !== null ? (baseUnits(details.lamportsNeeded) ?? 0n) - (baseUnits(details.lamports) ?? 0n) : null;
      const next = lacking !== null && lacking > 0n ? t('INSUFFICIENT_SOL.nextAdd', { add: `${formatBaseUnits(lacking, SOL_DECIMALS, { locale: ctx.locale })} SOL` }) : t('INSUFFICIENT_SOL.next');
      return text(code, t('INSUFFICIENT_SOL.title'), message, next, 'retry');
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
    case 'DATABASE_UNAVAILABLE':
      return coded(ctx, code, 'retry', { later });
    case 'MIGRATION_EXPIRED':
      return coded(ctx, code, 'rebuild');
    case 'MIGRATION_FAILED':
      return text(code, t('MIGRATION_FAILED.title'), t('MIGRATION_FAILED.message', { reason: t('MIGRATION_FAILED.refused') }), t('MIGRATION_FAILED.next'), 'rebuild');
    case 'POLICY_VIOLATION':
      return { ...coded(ctx, code, 'rebuild'), violations: ctx.violations?.(violationRefsFrom(details.violations)) ?? [] };
    case 'SEED_PHRASE_REFUSED':
      return coded(ctx, code, 'edit');
    case 'BAD_REQUEST':
      return badRequestText(details, ctx);
    case 'PAYLOAD_TOO_LARGE':
      return coded(ctx, code, 'edit');
    case 'MIGRATION_STATE':
    case 'SIGNATURE_INVALID':
    case 'INVALID_TRANSACTION':
    case 'NOT_FOUND':
      return coded(ctx, code, 'rebuild');
    case 'INVALID_WALLET':
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return coded(ctx, code, 'reconnect');
    case 'INVALID_AMOUNT':
      return coded(ctx, code, 'editAmount');
    case 'CONFLICT':
    case 'INTERNAL':
      return coded(ctx, code, 'retry');
    default:
      return text(code, t('OTHER.title'), t('OTHER.message', { code }), t('OTHER.next'), 'retry');
  }
}

/** A refused request: which fields to fix when the form named them, else the generic text. */
function badRequestText(details: Record<string, unknown>, ctx: ErrorTextContext): UserErrorText {
  const { t } = ctx;
  const issues = Array.isArray(details.issues) ? details.issues : [];
  const labels = ctx.fieldLabels ?? {};
  const fields = [
    ...new Set(
      issues
        .map((i) => (typeof i === 'object' && i !== null && typeof (i as { path?: unknown }).path === 'string' ? (i as { path: string }).path.split('.')[0] : undefined))
        .map((field) => (field ? labels[field] : undefined))
        .filter((label): label is string => Boolean(label)),
    ),
  ];
  if (fields.length === 0) return coded(ctx, 'BAD_REQUEST', 'retry');
  return text('BAD_REQUEST', t('BAD_REQUEST.title'), t('BAD_REQUEST.messageFields', { fields: fields.join(', ') }), t('BAD_REQUEST.nextFields'), 'edit');
}

function policyText(error: PolicyRefusal, ctx: ErrorTextContext): UserErrorText {
  const textKey = error.stage === 'signed' ? 'WALLET_CHANGED_TRANSACTION' : 'POLICY_REFUSED';
  return {
    ...coded(ctx, textKey, 'rebuild'),
    code: error.stage === 'signed' ? 'WALLET_CHANGED_TRANSACTION' : 'POLICY_VIOLATION',
    violations: ctx.violations?.(error.violations) ?? [],
  };
}

function settledText(error: MigrationSettledError, ctx: ErrorTextContext): UserErrorText {
  // Sent, and its blockhash expired with no trace of it on chain: nothing moved, the allocation is free again.
  if (error.state === 'expired' && error.endReason === 'never_landed') return coded(ctx, 'NEVER_LANDED', 'rebuild');
  if (error.state === 'expired') return codeText('MIGRATION_EXPIRED', '', {}, ctx);
  // Landed with an error: the chain's own words apart (they are JSON, in no language).
  return { ...coded(ctx, 'FAILED_ON_CHAIN', 'rebuild'), detail: error.reason ? clip(error.reason) : null };
}

const WALLET_CODES: Record<WalletFailure, [code: string, action: ErrorAction]> = {
  'sign-rejected': ['WALLET_REJECTED', 'rebuild'],
  'connect-rejected': ['WALLET_CONNECT_REJECTED', 'reconnect'],
  'sign-failed': ['WALLET_SIGN_FAILED', 'rebuild'],
  'connect-failed': ['WALLET_CONNECT_FAILED', 'reconnect'],
  'not-connected': ['WALLET_NOT_CONNECTED', 'reconnect'],
  'cannot-sign': ['WALLET_FEATURE_MISSING', 'reconnect'],
  'no-wallet-app': ['WALLET_APP_NOT_FOUND', 'reconnect'],
  other: ['WALLET_ERROR', 'rebuild'],
};

/** A wallet's error: our text by what it means, the wallet's own words (if any) apart. */
function walletText(failure: WalletFailure, error: unknown, ctx: ErrorTextContext): UserErrorText {
  const [code, action] = WALLET_CODES[failure];
  // A refusal, a lost connection or a missing feature say it all; a wallet's own failure is shown.
  const own = failure === 'sign-failed' || failure === 'connect-failed' || failure === 'other' ? ownWords(error) : null;
  return { ...coded(ctx, code, action), detail: own };
}

/**
 * The code of an error web3.js raised for an answer of the same-origin RPC proxy (it puts the HTTP
 * status and body in the message), or null.
 */
function rpcCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const words = error.message;
  if (/\b422\b|POLICY_VIOLATION/.test(words)) return 'POLICY_VIOLATION';
  if (/\b429\b|RATE_LIMITED/.test(words)) return 'RATE_LIMITED';
  if (/\bMAINTENANCE\b/.test(words)) return 'MAINTENANCE';
  if (/\b50[234]\b|RPC_UNAVAILABLE/.test(words)) return 'RPC_UNAVAILABLE';
  if (error.name === 'TypeError' && /fetch|network/i.test(words)) return 'NETWORK';
  return null;
}

/** An error of a module this one does not import (see the module comment), recognised by its class name. */
function named<E extends Error>(error: unknown, name: string): error is E {
  return error instanceof Error && error.name === name;
}

/** The values an amount refusal's text names (lib/solana/amounts.ts AmountError `details`). */
function amountValues(error: AmountError): Record<string, string | number> {
  return { decimals: 0, asThousands: '', asDecimal: '', ...error.details };
}

function ownWords(error: unknown): string | null {
  const words = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return words.trim() ? clip(words.trim()) : null;
}

function clip(words: string): string {
  return words.length > MAX_DETAIL_CHARS ? `${words.slice(0, MAX_DETAIL_CHARS)}…` : words;
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

/**
 * A code's title, message and next step from `errors.{key}.*` (the subject's variant of `code`, if
 * it has one), with the same values for all three.
 */
function coded(ctx: ErrorTextContext, code: string, action: ErrorAction, values?: Record<string, string | number>): UserErrorText {
  const key = VARIANTS[ctx.about ?? 'migration']?.[code] ?? code;
  const all = { supportPath: ctx.supportPath, ...values };
  return text(code, ctx.t(`${key}.title`, all), ctx.t(`${key}.message`, all), ctx.t(`${key}.next`, all), action);
}

function text(code: string, title: string, message: string, next: string, action: ErrorAction): UserErrorText {
  return { code, title, message, next, violations: [], detail: null, action };
}
