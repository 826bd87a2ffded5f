import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { inAppBrowserLinks, type InAppBrowserLink } from '@/components/wallet/environment';

const WALLETS: InAppBrowserLink['wallet'][] = ['Phantom', 'Solflare'];
const unchanging = () => () => undefined;

/**
 * "Open in Phantom" / "Open in Solflare" for this page, and the domain to check once it opens
 * there (a phishing copy can link to its own look-alike the same way). The links are this page's
 * own address, known in the browser only: the server render (the `/migrate` shell, drawn hidden
 * until the browser is read) has the section without addresses.
 */
export function InAppBrowserLinks() {
  const t = useTranslations('wallets');
  const here = useSyncExternalStore(unchanging, () => window.location.href, () => null);
  const links: { wallet: InAppBrowserLink['wallet']; href?: string }[] = here ? inAppBrowserLinks(here) : WALLETS.map((wallet) => ({ wallet }));
  const host = here ? new URL(here).host : '';
  return (
    <section aria-labelledby="in-app-heading" className="mt-4 rounded-lg border border-slate-200 p-4" data-testid="in-app-browser">
      <h3 id="in-app-heading" className="font-medium text-slate-900">
        {t('inAppHeading')}
      </h3>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2">
        {links.map((link) => (
          <li key={link.wallet}>
            <a
              href={link.href}
              rel="noopener noreferrer"
              className="flex w-full items-center justify-center rounded-lg bg-brand px-4 py-3 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
              data-testid={`open-in-${link.wallet.toLowerCase()}`}
            >
              {t('openIn', { wallet: link.wallet })}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-slate-700" data-testid="check-domain">
        {t.rich('checkDomain', { host, b: (chunks) => <b className="break-all font-mono">{chunks}</b> })}
      </p>
    </section>
  );
}
