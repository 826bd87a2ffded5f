/**
 * Policy violations as a person reads them. The policies (lib/solana/policy.ts, revoke-policy.ts)
 * keep one English sentence per violation for logs, API answers and tests; a page shows instead
 * the sentence for its `code` from `policy.violations.{code}` in messages/{locale}.json, with the
 * instruction it is about. No React here: the caller passes next-intl's translator.
 */
import { SUBMIT_VIOLATION_CODES } from '@/lib/api/types';
import { VIOLATION_CODES } from '@/lib/solana/policy';
import { REVOKE_ONLY_VIOLATION_CODES } from '@/lib/solana/revoke-policy';

/**
 * Every code either policy reports, and the submit endpoint's own: each has a sentence at
 * `policy.violations.{code}` (lib/i18n/violations.test.ts checks every locale).
 */
export const WORDED_VIOLATION_CODES: readonly string[] = [...VIOLATION_CODES, ...REVOKE_ONLY_VIOLATION_CODES, ...SUBMIT_VIOLATION_CODES];

/** Looks up a key of the `policy` namespace (next-intl `useTranslations('policy')`) with ICU values. */
export type PolicyTranslator = (key: string, values?: Record<string, string | number>) => string;

/** What a page needs of a violation (the policies' `Violation`, or one read back from an API answer). */
export type ViolationRef = { code: string; instructionIndex?: number };

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

/**
 * Violations read back from an API answer's `details.violations` (`[{ code, instructionIndex? }]`);
 * anything else in the list is dropped.
 */
export function violationRefsFrom(value: unknown): ViolationRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown): ViolationRef[] => {
    if (typeof v !== 'object' || v === null || !('code' in v) || typeof v.code !== 'string') return [];
    const index = 'instructionIndex' in v && typeof v.instructionIndex === 'number' && Number.isInteger(v.instructionIndex) && v.instructionIndex >= 0 ? v.instructionIndex : undefined;
    return [index === undefined ? { code: v.code } : { code: v.code, instructionIndex: index }];
  });
}
