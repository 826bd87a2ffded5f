/**
 * Policy violations as references (code and instruction), read from wherever they come: the
 * browser's own policy check or an API answer's `details.violations`. Kept apart from
 * `violations.ts`, which words them and needs the policy modules (and so web3.js): pages without
 * a wallet load only this.
 */

/** What a page needs of a violation (the policies' `Violation`, or one read back from an API answer). */
export type ViolationRef = { code: string; instructionIndex?: number };

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
