import { getLocale, getTranslations } from 'next-intl/server';
import { LocalizedOpsText } from '@/components/status/incident-text';
import { formatDate, formatDateTime, formatTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import { exchangeName, type ExchangeState, type ExchangeStatus } from '@/lib/status/exchanges';

const STATE_TONE: Record<ExchangeState, string> = {
  not_started: 'bg-slate-100 text-slate-800 ring-slate-300',
  in_progress: 'bg-amber-100 text-amber-900 ring-amber-300',
  completed: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  not_supported: 'bg-red-100 text-red-900 ring-red-300',
};

/**
 * Where each exchange stands (ops-managed): state, who migrates, what the holder should do, last
 * update and next check-in: a real table (caption, column headers) on desktop widths, one card per
 * exchange on phones and tablets.
 *
 * In the table, no cell may break inside a word: the Korean rule `overflow-wrap: anywhere`
 * (globals.css) lets the browser size a column to one character, and the automatic table layout
 * then squeezes the names into "Bi/na/nc/e". Names, headers and states never wrap; a date may put
 * its time on a second line; the two text columns wrap between words (eojeol in Korean) and have a
 * floor width. Six columns fit from 1024 px in both languages.
 */
export async function ExchangeTable({ exchanges }: { exchanges: ExchangeStatus[] }) {
  const [t, tb, locale] = await Promise.all([getTranslations('exchanges'), getTranslations('incidentBanner'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  if (exchanges.length === 0) return <p className="text-slate-700">{t('none')}</p>;
  const when = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date, locale, { timeZone, withUtc: true })}</time>;
  // In the table: the date, then the time, each kept whole (a line break may fall between them).
  const cell = (date: Date) => (
    <time dateTime={date.toISOString()}>
      <span className="whitespace-nowrap">{formatDate(date, locale, { timeZone })}</span>{' '}
      {/* `18:05 KST (09:05 UTC)`: each time kept whole, a line break may fall before the UTC one. */}
      {formatTime(date, locale, { timeZone, withUtc: true })
        .split(/ (?=\()/)
        .map((part, i) => (
          <span key={i} className="whitespace-nowrap">
            {i > 0 ? ' ' : ''}
            {part}
          </span>
        ))}
    </time>
  );
  return (
    <>
      {/* Phones and tablets: one card per exchange (six columns need a desktop's width). */}
      <ul className="space-y-3 lg:hidden" data-testid="exchange-cards">
        {exchanges.map((e) => (
          <li key={e.slug} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="font-semibold">{exchangeName(e, locale)}</h3>
              <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATE_TONE[e.state]}`}>{t(`stateValue.${e.state}`)}</span>
            </div>
            <dl className="mt-2 space-y-2 text-sm">
              <div>
                <dt className="text-slate-600">{t('who')}</dt>
                <dd>{t(`whoValue.${e.whoMigrates}`)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('action')}</dt>
                <dd>
                  <LocalizedOpsText text={e.holderAction} locale={locale} fallbackNote={tb('originalLanguage')} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('updated')}</dt>
                <dd>{when(e.updatedAt)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('next')}</dt>
                <dd>{e.nextCheckIn ? when(e.nextCheckIn) : t('noCheckIn')}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {/* Desktop: a real table (caption, column and row headers) for screen readers. */}
      {/* Focusable and named: if the table ever scrolls sideways, a keyboard can scroll it (WCAG 2.1.1). */}
      <div role="region" aria-label={t('caption')} tabIndex={0} className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-brand lg:block">
      <table className="w-full text-left text-sm wrap-normal" data-testid="exchange-table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr className="whitespace-nowrap">
            <th scope="col" className="px-4 py-2 font-semibold">{t('exchange')}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t('state')}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t('who')}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t('action')}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t('updated')}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t('next')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top">
          {exchanges.map((e) => (
            <tr key={e.slug} data-testid={`exchange-${e.slug}`}>
              <th scope="row" className="whitespace-nowrap px-4 py-3 font-semibold" data-testid="exchange-name">
                {exchangeName(e, locale)}
              </th>
              <td className="px-4 py-3">
                <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATE_TONE[e.state]}`} data-testid="exchange-state">
                  {t(`stateValue.${e.state}`)}
                </span>
              </td>
              <td className="min-w-36 px-4 py-3">{t(`whoValue.${e.whoMigrates}`)}</td>
              <td className="min-w-56 px-4 py-3">
                <LocalizedOpsText text={e.holderAction} locale={locale} fallbackNote={tb('originalLanguage')} />
              </td>
              <td className="px-4 py-3">{cell(e.updatedAt)}</td>
              <td className="px-4 py-3">{e.nextCheckIn ? cell(e.nextCheckIn) : <span className="whitespace-nowrap">{t('noCheckIn')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}
