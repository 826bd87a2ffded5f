import type { Metadata } from 'next';
import { CHECK_MESSAGES as M } from '@/components/check/check-messages';
import { CheckTool } from '@/components/check/check-tool';
import { localeAlternates } from '@/lib/i18n/metadata';
import { type LocaleParams, pageLocale } from '@/lib/i18n/page';
import { getOfficialParams } from '@/lib/migration/official-params';

// Per request: the CSP nonce (a prerendered page would never hydrate under 'strict-dynamic').
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  return { title: M.title, alternates: localeAlternates(locale, '/check') };
}

/**
 * "Is this transaction official?" (issue 7, part 6): the verdict and decode happen in the browser.
 * Its strings (components/check/check-messages.ts) are not translated yet: the page is marked
 * English (`lang="en"`) in every locale until they move into messages/{en,ko}.json.
 */
export default async function CheckPage({ params: routeParams }: LocaleParams) {
  await pageLocale(routeParams);
  const params = getOfficialParams();
  return (
    <div className="space-y-6" lang="en">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{M.title}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{M.intro}</p>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">{M.whatOfficialMeans(params.ratio)}</p>
      </div>
      <CheckTool params={params} />
    </div>
  );
}
