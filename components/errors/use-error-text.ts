import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { type ErrorSubject, type ErrorTextContext, SUPPORT_PATH } from '@/components/errors/error-text';
import type { PublicMigrationParams } from '@/lib/migration/params';

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

/** The error-text context of a migration answer on a page with the official parameters (AI16Z's decimals, the snapshot's time). */
export function useMigrationErrorContext(params: Pick<PublicMigrationParams, 'ai16z' | 'snapshotTakenAt'>): ErrorTextContext {
  const extra = useMemo(() => ({ ai16zDecimals: params.ai16z.decimals, snapshotTakenAt: params.snapshotTakenAt }), [params.ai16z.decimals, params.snapshotTakenAt]);
  return useErrorContext('migration', extra);
}
