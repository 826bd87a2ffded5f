import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ExchangeTable } from '@/components/status/exchange-table';
import { IncidentHistory } from '@/components/status/incident-history';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { incidentLinkHosts } from '@/lib/ops/incidents';
import { incidentFeedPath, type LocaleParams, pageLocale, pageMetadata, STATUS_API_PATH } from '@/lib/i18n/page';
import { StaleNotice } from '@/components/status/stale-notice';
import { knownExchanges, knownIncidents } from '@/lib/status/public-status';
import { staleSince } from '@/lib/status/last-known';
import { readMaintenance } from '@/lib/maintenance/server';
import { HeadedSection, PageHeader } from '@/components/layout/page-parts';

// Live state and a per-request CSP nonce: never prerendered.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'status', '/status');
}

/** The canonical status page: the wallet flow's state, every incident with its updates, the exchanges, the feeds. */
export default async function StatusPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const now = new Date();
  // Through a database outage: the last known incidents and exchanges, "as of" their read (lib/status/last-known.ts).
  const [t, maintenance, knownIncidentList, knownExchangeList] = await Promise.all([getTranslations('status'), readMaintenance(), knownIncidents(), knownExchanges()]);
  const incidents = knownIncidentList.value;
  const exchanges = knownExchangeList.value;
  const asOf = staleSince(knownIncidentList, knownExchangeList);
  const open = incidents.filter((i) => i.resolvedAt === null).length;
  return (
    <div className="space-y-8">
      <PageHeader title={t('title')} intro={t('intro')} narrow />
      <StaleNotice asOf={asOf} />
      <HeadedSection name="now" heading={t('summaryHeading')} size="lg" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <ul className="mt-2 space-y-1 text-slate-800">
          <li data-testid="status-maintenance">{maintenance.on ? t('maintenanceOn') : t('maintenanceOff')}</li>
          <li data-testid="status-open-incidents">{open === 0 ? t('noActive') : t('activeCount', { count: open })}</li>
        </ul>
        <div className="mt-3">
          <MaintenanceBanner state={maintenance} />
        </div>
      </HeadedSection>
      <HeadedSection name="history" heading={t('historyHeading')} size="2xl" className="space-y-3">
        <p className="text-slate-700">{t('historyIntro')}</p>
        {incidents.length === 0 ? <p className="text-slate-700">{t('noIncidents')}</p> : <IncidentHistory incidents={incidents} linkHosts={incidentLinkHosts()} now={now} />}
      </HeadedSection>
      <HeadedSection name="exchanges" heading={t('exchangesHeading')} size="2xl" id="exchanges" className="scroll-mt-4 space-y-3">
        <p className="max-w-3xl text-slate-700">{t('exchangesIntro')}</p>
        <ExchangeTable exchanges={exchanges} />
      </HeadedSection>
      <HeadedSection name="feeds" heading={t('feedsHeading')} size="2xl" className="space-y-2">
        <p className="text-slate-700">
          {t.rich('feeds', {
            atom: (chunks) => (
              <a href={incidentFeedPath(locale)} className="font-medium text-brand underline underline-offset-4">
                {chunks}
              </a>
            ),
            json: (chunks) => (
              <a href={STATUS_API_PATH} className="font-medium text-brand underline underline-offset-4">
                {chunks}
              </a>
            ),
          })}
        </p>
      </HeadedSection>
    </div>
  );
}
