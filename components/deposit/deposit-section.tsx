import { getTranslations } from 'next-intl/server';
import { listItems, pageLink } from '@/components/content/rich';
import { CopyButton } from '@/components/ui/copy-button';
import { DepositTracker } from '@/components/deposit/deposit-tracker';
import { depositTransferRequest, qrPath } from '@/components/deposit/transfer-request';
import { formatDateTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import type { PublicMigrationParams } from '@/lib/migration/params';

/**
 * "Can't connect your wallet?" on `/migrate` (DESIGN.md "Deposit and receive"): the rules first,
 * in plain words; then the deposit address (the owner, and its AI16Z token account) with copy
 * buttons and the QR code of a Solana Pay transfer request; then "Track my deposit". Rendered on
 * the server: the address and the QR code are in the HTML (no script needed to read them), and
 * they come from the official parameters, the ones the signed manifest states.
 */
export async function DepositSection({ params, locale }: { params: PublicMigrationParams; locale: string }) {
  const t = await getTranslations('deposit.section');
  const { owner, tokenAccount } = params.deposit;
  const request = depositTransferRequest(owner, params.ai16z.mint, t('payLabel'), t('payMessage'));
  const qr = qrPath(request);
  // The snapshot's moment in the reader's own zone (lib/format/index.ts, the rule for times).
  const snapshot = formatDateTime(new Date(params.snapshotTakenAt), locale, { timeZone: await readerTimeZone(locale) });
  const rules = listItems(t('rules', { snapshot, minutes: params.depositPayoutWithinMinutes }));
  return (
    <section id="deposit" aria-labelledby="deposit-heading" className="scroll-mt-4 rounded-xl [contain-intrinsic-size:auto_1800px] [content-visibility:auto] border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="deposit-section">
      <h2 id="deposit-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-slate-700">{t('intro', { ratio: params.ratio })}</p>

      <div className="mt-4 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-amber-950" data-testid="deposit-rules">
        <h3 className="font-semibold">{t('rulesHeading')}</h3>
        <ol className="mt-2 list-decimal space-y-1.5 pl-5">
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ol>
      </div>

      <div className="mt-5 grid gap-5 md:grid-cols-[1fr_auto]">
        <div className="min-w-0 space-y-3">
          <h3 className="font-semibold">{t('addressHeading')}</h3>
          {[
            { id: 'deposit-owner', label: t('ownerLabel'), copy: t('copyOwner'), value: owner, size: 'text-base font-semibold' },
            { id: 'deposit-token-account', label: t('tokenAccountLabel'), copy: t('copyTokenAccount'), value: tokenAccount, size: 'text-sm' },
          ].map((address) => (
            <div key={address.id}>
              <p className="text-sm font-medium text-slate-900">{address.label}</p>
              <p id={address.id} className={`mt-1 break-all rounded-lg bg-slate-50 p-2 font-mono ring-1 ring-slate-300 ${address.size}`} data-testid={address.id}>
                {address.value}
              </p>
              <div className="mt-2">
                <CopyButton text={address.value} label={address.copy} copiedLabel={t('copied')} selectId={address.id} testId={`${address.id}-copy`} />
              </div>
            </div>
          ))}
          <p className="text-sm text-slate-700">{t.rich('addressNote', { link: pageLink('/security#deposit') })}</p>
        </div>
        <figure className="justify-self-center text-center md:justify-self-end">
          <figcaption className="font-semibold">{t('qrHeading')}</figcaption>
          <svg
            viewBox={`0 0 ${qr.size} ${qr.size}`}
            width={224}
            height={224}
            role="img"
            aria-label={t('qrAlt')}
            shapeRendering="crispEdges"
            className="mx-auto mt-2 rounded bg-white ring-1 ring-slate-300"
            data-testid="deposit-qr"
            data-request={request}
          >
            <rect width={qr.size} height={qr.size} fill="#fff" />
            <path d={qr.d} fill="#000" />
          </svg>
          <p className="mx-auto mt-2 max-w-56 text-xs text-slate-600">{t('qrCaption')}</p>
          <p className="mt-1 text-sm">
            <a href={request} className="font-medium text-brand underline underline-offset-4" data-testid="deposit-pay-link">
              {t('openInWallet')}
            </a>
          </p>
        </figure>
      </div>

      <div className="mt-6 border-t border-slate-200 pt-5">
        <DepositTracker params={params} />
      </div>
    </section>
  );
}
