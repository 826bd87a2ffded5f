/**
 * Policy violations as a person reads them. The policies (lib/solana/policy.ts, revoke-policy.ts)
 * keep one English sentence per violation for logs, API answers and tests; a page shows instead
 * the sentence for its `code` from `policy.violations.{code}` in messages/{locale}.json, with the
 * instruction it is about. No React here: the caller passes next-intl's translator.
 */
import { SUBMIT_VIOLATION_CODES } from '@/lib/api/types';
import { VIOLATION_CODES } from '@/lib/solana/policy';
import { REVOKE_ONLY_VIOLATION_CODES } from '@/lib/solana/revoke-policy';
import type { ViolationRef } from '@/lib/i18n/violation-refs';

/**
 * Every code either policy reports, and the submit endpoint's own: each has a sentence at
 * `policy.violations.{code}` (lib/i18n/violations.test.ts checks every locale).
 */
export const WORDED_VIOLATION_CODES: readonly string[] = [...VIOLATION_CODES, ...REVOKE_ONLY_VIOLATION_CODES, ...SUBMIT_VIOLATION_CODES];

/** Looks up a key of the `policy` namespace (next-intl `useTranslations('policy')`) with ICU values. */
export type PolicyTranslator = (key: string, values?: Record<string, string | number>) => string;


/** One violation worded for the page's locale; `code` stays for tests and support. */
export type ViolationText = { code: string; text: string };

/**
 * The sentences for `violations`, in order. A code neither policy knows (an older or newer
 * server) gets the generic `policy.violations.OTHER` naming it. The same code at the same
 * instruction twice (e.g. two missing instructions) is said once: the sentences are per code.
 * @param violations as the policy or the API reported them (`instructionIndex` 0-based).
 * @param t the `policy` namespace translator of the page's locale.
 */
export function violationTexts(violations: readonly ViolationRef[], t: PolicyTranslator): ViolationText[] {
  const seen = new Set<string>();
  const out: ViolationText[] = [];
  for (const v of violations) {
    const id = `${v.code}@${v.instructionIndex ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const sentence = WORDED_VIOLATION_CODES.includes(v.code) ? t(`violations.${v.code}`) : t('violations.OTHER', { code: v.code });
    out.push({ code: v.code, text: v.instructionIndex === undefined ? sentence : t('atInstruction', { sentence, index: v.instructionIndex + 1 }) });
  }
  return out;
}
