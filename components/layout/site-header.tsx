import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/layout/locale-switcher';
import { LocaleLink } from '@/components/ui/locale-link';

const LINKS = [
  ['status', '/status'],
  ['faq', '/faq'],
  ['ledger', '/guides/ledger'],
  ['security', '/security'],
  ['support', '/support'],
] as const;

/** The public pages' header: the portal's name, the main links, the call to migrate, the language switcher. */
export async function SiteHeader() {
  const t = await getTranslations('nav');
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <LocaleLink href="/" className="font-semibold tracking-tight">
          {t('brand')} <span className="font-normal text-slate-600">{t('brandSuffix')}</span>
        </LocaleLink>
        <nav aria-label={t('label')} className="order-last w-full md:order-none md:w-auto md:flex-1">
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            {LINKS.map(([key, href]) => (
              <li key={key}>
                <LocaleLink href={href} className="inline-block py-1.5 text-slate-700 underline-offset-4 hover:text-brand hover:underline">
                  {t(key)}
                </LocaleLink>
              </li>
            ))}
            <li>
              <LocaleLink href="/migrate" className="inline-block rounded-md bg-brand px-3 py-1.5 font-medium text-brand-ink hover:bg-blue-800">
                {t('migrate')}
              </LocaleLink>
            </li>
          </ul>
        </nav>
        <div className="ml-auto">
          <LocaleSwitcher />
        </div>
      </div>
    </header>
  );
}
