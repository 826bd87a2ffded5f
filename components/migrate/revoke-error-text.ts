/**
 * The one place where anything the stray-delegation check or its Revoke flow throws becomes text
 * for the holder, in the page's language: the revoke policy's refusal (with each violation worded
 * by code), an account that cannot be read, a rejection in the wallet, the RPC proxy's refusal, a
 * confirmation that did not come, anything else.
 */
import { type PolicyTranslator, type ViolationText, violationTexts } from '@/lib/i18n/violations';
import { DelegationReadError } from '@/lib/solana/delegations';
import { PolicyRefusal } from '@/components/migrate/errors';

/** Looks up a key of the `strayDelegations` namespace (`useTranslations('strayDelegations')`) with ICU values. */
export type StrayTranslator = (key: string, values?: Record<string, string | number>) => string;

export type RevokeErrorText = { message: string; violations: ViolationText[] };

/** Longest part of an unrecognised error's own text that is shown (it may be long RPC output). */
const MAX_REASON_CHARS = 200;

/**
 * One sentence (and the policy's violations, if any) for `error`.
 * @param t the `strayDelegations` namespace of the page's locale.
 * @param policy the `policy` namespace, for violations.
 */
export function revokeErrorText(error: unknown, t: StrayTranslator, policy: PolicyTranslator): RevokeErrorText {
  if (error instanceof PolicyRefusal) {
    return { message: t(error.stage === 'signed' ? 'errors.POLICY_REFUSED_SIGNED' : 'errors.POLICY_REFUSED_BUILT'), violations: violationTexts(error.violations, policy) };
  }
  if (error instanceof DelegationReadError) return { message: t(`read.${error.reason}`, { symbol: error.facts.symbol, account: error.facts.account ?? '' }), violations: [] };
  const text = error instanceof Error ? error.message : String(error);
  const only = (key: string, values?: Record<string, string>) => ({ message: t(`errors.${key}`, values), violations: [] });
  if (/reject/i.test(text) || (error as { code?: unknown } | null)?.code === 4001) return only('DECLINED');
  if (/\b422\b|POLICY_VIOLATION/.test(text)) return only('PORTAL_REFUSED');
  if (/timed out|not confirmed/i.test(text)) return only('NOT_CONFIRMED');
  return only('FAILED', { reason: text.slice(0, MAX_REASON_CHARS) });
}
