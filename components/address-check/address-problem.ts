import type { AddressProblem } from '@/lib/solana/address';

/**
 * The inline error for a text that is not an address (`addressCheck` messages). No dependencies:
 * the forms that use it render before any wallet or API code has loaded.
 */
export function addressProblemText(t: (key: string, values?: Record<string, string | number>) => string, problem: AddressProblem, length: number): string {
  switch (problem) {
    case 'empty':
      return t('errorEmpty');
    case 'characters':
      return t('errorCharacters');
    case 'length':
      return t('errorLength', { length });
    case 'notKey':
      return t('errorNotKey');
  }
}
