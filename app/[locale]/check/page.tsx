import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CheckTool } from '@/components/check/check-tool';
import { ClientMessages } from '@/components/layout/client-messages';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { getConfig } from '@/lib/config';
import { getOfficialParams } from '@/lib/migration/official-params';

// Per request: the CSP nonce (a prerendered page would never hydrate under 'strict-dynamic').
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'check', '/check');
}

/** "Is this transaction official?" (README "Is this transaction official? (`/check`)"): the verdict and decode happen in the browser (also: is this site the portal?). */
export default async function CheckPage({ params: routeParams }: LocaleParams) {
  await pageLocale(routeParams);
  const t = await getTranslations('check');
  // The release key checks the signed manifest, whose origin says which site is the portal.
  const params = { ...getOfficialParams(), releasePublicKey: getConfig().release.publicKey?.toBase58() ?? null };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{t('intro')}</p>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">{t('whatOfficialMeans', { ratio: params.ratio })}</p>
      </div>
      <ClientMessages namespaces={['check', 'policy']}>
        <CheckTool params={params} />
      </ClientMessages>
    </div>
  );
}
