import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { HomeStatus } from '@/lib/status/home';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import { HeadingWithState } from '@/components/ui/state-badge';

const STATE_TONE = { scheduled: 'pending', open: 'good', closed: 'neutral' } as const;

/** The window (scheduled / open with the time left / closed), the ratio, the snapshot and its rule. */
export async function WindowCard({ status }: { status: HomeStatus }) {
  const [t, locale] = await Promise.all([getTranslations('window'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  const { window, now } = status;
  return (
    <section aria-labelledby="window-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <HeadingWithState level={2} id="window-heading" heading={t('heading')} badge={{ state: window.state, tone: STATE_TONE[window.state], label: t(`state.${window.state}`), testId: 'window-state' }} />
      <p className="mt-3 text-slate-700" data-testid="window-when">
        {window.state === 'scheduled' && t('whenScheduled', { relative: formatRelative(window.opensAt, now, locale), time: formatDateTime(window.opensAt, locale, { timeZone, withUtc: true }) })}
        {window.state === 'open' && t('whenOpen', { relative: formatRelative(window.closesAt, now, locale), time: formatDateTime(window.closesAt, locale, { timeZone, withUtc: true }) })}
        {window.state === 'closed' && t('whenClosed', { time: formatDateTime(window.closesAt, locale, { timeZone, withUtc: true }) })}
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <Fact term={t('ratio')} testId="ratio">
          {t('ratioValue', { ratio: status.ratio.toString() })}
        </Fact>
        <Fact term={t('snapshot')} testId="snapshot-date">
          {formatDate(status.snapshotTakenAt, locale, { timeZone })}
        </Fact>
        <Fact term={t('window')} testId="window-dates">
          {t('windowValue', { opens: formatDate(window.opensAt, locale, { timeZone }), closes: formatDate(window.closesAt, locale, { timeZone }) })}
        </Fact>
      </dl>
      <p className="mt-4 text-sm text-slate-700">{t('rule')}</p>
    </section>
  );
}

/** Totals of confirmed migrations (database): AI16Z migrated, ELIZAOS issued, wallets. */
export async function TotalsCard({ status, totals }: { status: HomeStatus; totals: { ai16zMigrated: bigint; elizaosIssued: bigint; walletsMigrated: number } | null }) {
  const [t, ta, locale] = await Promise.all([getTranslations('totals'), getTranslations('amount'), getLocale()]);
  return (
    <section aria-labelledby="totals-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="totals-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      {totals ? (
        <>
          <dl className="mt-4 grid gap-4 sm:grid-cols-3">
            <Fact term={t('ai16z')} testId="total-ai16z">
              {ta('ai16z', { amount: formatBaseUnits(totals.ai16zMigrated, status.ai16z.decimals, { maxFractionDigits: 2, locale }) })}
            </Fact>
            <Fact term={t('elizaos')} testId="total-elizaos">
              {ta('elizaos', { amount: formatBaseUnits(totals.elizaosIssued, status.elizaos.decimals, { maxFractionDigits: 2, locale }) })}
            </Fact>
            <Fact term={t('wallets')} testId="total-wallets">
              {new Intl.NumberFormat(locale).format(totals.walletsMigrated)}
            </Fact>
          </dl>
          <p className="mt-3 text-xs text-slate-600">{t('note')}</p>
        </>
      ) : (
        <p role="status" className="mt-3 text-amber-800">
          {t('unavailable')}
        </p>
      )}
    </section>
  );
}

/** Balances read from the chain at one slot: the vault, the treasury and the delegate's allowance. */
export async function ChainFiguresCard({ status }: { status: HomeStatus }) {
  const [t, ta, locale] = await Promise.all([getTranslations('figures'), getTranslations('amount'), getLocale()]);
  const { chain, ai16z, elizaos } = status;
  return (
    <section aria-labelledby="figures-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="figures-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      {chain.figures ? (
        <>
          <dl className="mt-4 grid gap-4 sm:grid-cols-3">
            <Fact term={t('vault')} testId="vault-balance">
              {ta('ai16z', { amount: formatBaseUnits(chain.figures.vaultAi16z, ai16z.decimals, { maxFractionDigits: 2, locale }) })}
            </Fact>
            <Fact term={t('treasury')} testId="treasury-balance">
              {ta('elizaos', { amount: formatBaseUnits(chain.figures.treasuryElizaos, elizaos.decimals, { maxFractionDigits: 2, locale }) })}
            </Fact>
            <Fact term={t('allowance')} testId="delegate-allowance">
              {ta('elizaos', { amount: formatBaseUnits(chain.figures.delegateAllowance, elizaos.decimals, { maxFractionDigits: 2, locale }) })}
            </Fact>
          </dl>
          <p className="mt-3 text-xs text-slate-600" data-testid="figures-slot">
            {t('slot', { slot: new Intl.NumberFormat(locale).format(chain.figures.slot), cluster: status.cluster })}
          </p>
        </>
      ) : (
        <p role="status" className="mt-3 text-amber-800" data-testid="figures-unavailable">
          {t('unavailable')}
        </p>
      )}
    </section>
  );
}

/** The mints, the vault and the treasury: the only accounts a genuine migration touches besides the holder's. */
export async function AddressesCard({ status }: { status: HomeStatus }) {
  const t = await getTranslations('addresses');
  const rows = [
    [t('ai16zMint'), status.ai16z.mint],
    [t('elizaosMint'), status.elizaos.mint],
    [t('vault'), status.vaultTokenAccount],
    [t('treasury'), status.treasuryTokenAccount],
  ] as const;
  return (
    <section aria-labelledby="addresses-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="addresses-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      <dl className="mt-4 space-y-3">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt className="text-sm text-slate-700">{term}</dt>
            <dd className="break-all font-mono text-sm">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Fact({ term, testId, children }: { term: string; testId: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-700">{term}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
