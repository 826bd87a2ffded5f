import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { type ErrorSubject, type ErrorTextContext, SUPPORT_PATH } from '@/components/errors/error-text';

/**
 * The error-text context for `about`, in the page's locale: needs the `errors` namespace from the
 * provider (<ClientMessages>, or the ops layout's English). `extra` must be stable (memoised or
 * module-level): it is a dependency of the returned context.
 */
export function useErrorContext(about: ErrorSubject, extra?: Partial<Omit<ErrorTextContext, 't' | 'locale' | 'about'>>): ErrorTextContext {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useMemo(() => ({ supportPath: SUPPORT_PATH, ...extra, t: t as ErrorTextContext['t'], locale, about }), [t, locale, about, extra]);
}
