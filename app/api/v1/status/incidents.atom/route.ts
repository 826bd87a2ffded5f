import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/config';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { PUBLIC_STATUS_CACHE_CONTROL } from '@/lib/security/headers';
import { type AtomLabels, incidentsAtomFeed } from '@/lib/status/atom';
import { INCIDENT_STATES, listIncidents } from '@/lib/status/incidents';

export const dynamic = 'force-dynamic';

/**
 * Incidents as an Atom feed (lib/status/atom.ts): English by default, Korean with `?lang=ko`.
 * Any other `lang` is a 400 `BAD_REQUEST` naming the accepted values.
 */
export async function GET(request: Request) {
  try {
    const lang = new URL(request.url).searchParams.get('lang') ?? 'en';
    if (lang !== 'en' && lang !== 'ko') throw new ApiError('BAD_REQUEST', 'lang must be "en" or "ko".', { lang });
    const t = await getTranslations({ locale: lang, namespace: 'atom' });
    const ti = await getTranslations({ locale: lang, namespace: 'incident' });
    const labels: AtomLabels = {
      feedTitle: t('title'),
      resolved: t('resolved'),
      nextUpdateBy: t('nextUpdateBy'),
      more: t('more'),
      states: Object.fromEntries(INCIDENT_STATES.map((s) => [s, ti(`state.${s}`)])) as AtomLabels['states'],
    };
    const xml = incidentsAtomFeed(await listIncidents({ limit: 50 }), { appUrl: getConfig().appUrl, now: new Date(), locale: lang, labels });
    return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': PUBLIC_STATUS_CACHE_CONTROL } });
  } catch (error) {
    return errorResponse(error);
  }
}
