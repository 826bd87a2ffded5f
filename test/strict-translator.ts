import { createTranslator } from 'next-intl';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';

/** A top-level namespace of the message files (messages/en.json, ko.json). */
export type MessageNamespace = keyof typeof en;

/**
 * next-intl's translator for `namespace` in `locale` that throws on a missing key or a missing
 * value, where the app would print the key: a test must fail instead. Typed as the caller's own
 * translator type `T` (the components declare the narrow shape they call).
 * @see https://next-intl.dev/docs/environments/core-library (createTranslator, onError)
 */
export function strictTranslator<T>(locale: 'en' | 'ko', namespace: MessageNamespace): T {
  return createTranslator({
    locale,
    messages: locale === 'en' ? en : ko,
    namespace: namespace as 'policy',
    onError: (error) => {
      throw error;
    },
  }) as unknown as T;
}
