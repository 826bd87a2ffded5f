import Link from 'next/link';
import type { MigrationResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { explorerTxUrl } from '@/components/migrate/explorer';
import { ReceiptRefresher } from '@/components/migrate/receipt-refresher';
import { SUPPORT_PATH } from '@/components/migrate/window-notice';

const STATES = {
  built: {
    label: 'Not sent',
    tone: 'bg-slate-200 text-slate-800 ring-slate-300',
    text: 'This transaction was prepared but never signed and sent. Nothing moved and your allocation is unchanged.',
  },
  submitted: {
    label: 'Confirming',
    tone: 'bg-amber-100 text-amber-900 ring-amber-300',
    text: 'Your signed transaction was sent to Solana and is being confirmed. This page updates by itself; do not sign again.',
  },
  confirmed: {
    label: 'Confirmed',
    tone: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
    text: 'The migration is confirmed on Solana. The ELIZAOS is in your wallet.',
  },
  failed: {
    label: 'Failed',
    tone: 'bg-red-100 text-red-900 ring-red-300',
    text: 'The network refused this transaction. Nothing moved and your allocation is not used; you can migrate again.',
  },
  expired: {
    label: 'Expired',
    tone: 'bg-slate-200 text-slate-800 ring-slate-300',
    text: 'This transaction expired before it landed. Nothing moved and your allocation is not used; you can migrate again.',
  },
} as const;

/** The canonical record of one migration (server component). */
export function Receipt({ migration, params }: { migration: MigrationResponse; params: PublicMigrationParams }) {
  const state = STATES[migration.state];
  const signature = migration.signature;
  return (
    <section aria-labelledby="receipt-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="receipt">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="receipt-heading" className="text-2xl font-bold tracking-tight">
          Migration receipt
        </h1>
        <span data-testid="receipt-state" data-state={migration.state} className={`rounded-full px-3 py-0.5 text-sm font-medium ring-1 ${state.tone}`}>
          {state.label}
        </span>
      </div>
      <p className="mt-3 text-slate-700" role="status" data-testid="receipt-state-text">
        {state.text}
        {migration.state === 'failed' && migration.error && <span className="mt-1 block text-sm text-slate-600">Reason reported by the network: {migration.error}</span>}
      </p>
      {migration.state === 'submitted' && <ReceiptRefresher />}
      <dl className="mt-6 grid gap-4 sm:grid-cols-2">
        <Row term="Sent to the migration vault" testId="receipt-amount-in">
          {formatBaseUnits(BigInt(migration.amount), params.ai16z.decimals)} AI16Z
        </Row>
        <Row term="Received" testId="receipt-amount-out">
          {formatBaseUnits(BigInt(migration.amountOut), params.elizaos.decimals)} ELIZAOS
        </Row>
        <Row term="Wallet" testId="receipt-wallet" mono>
          {migration.wallet}
        </Row>
        <Row term="Migration id" testId="receipt-id" mono>
          {migration.id}
        </Row>
        <Row term="Started" testId="receipt-created">
          {formatDateTime(new Date(migration.createdAt))}
        </Row>
        {migration.settledAt && (
          <Row term="Settled" testId="receipt-settled">
            {formatDateTime(new Date(migration.settledAt))}
          </Row>
        )}
        {signature && (
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">Transaction signature</dt>
            <dd className="mt-1 break-all font-mono text-sm" data-testid="receipt-signature">
              {signature}
            </dd>
            <dd className="mt-1">
              <a
                href={explorerTxUrl(signature, params.cluster, params.rpcUrlForExplorer)}
                target="_blank"
                rel="noopener noreferrer"
                className="text-sm font-medium text-brand underline"
                data-testid="explorer-link"
              >
                View on Solana Explorer{params.cluster === 'mainnet-beta' ? '' : ` (${params.cluster})`}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            </dd>
          </div>
        )}
      </dl>
      <p className="mt-6 text-sm text-slate-600">
        Keep this page’s address: it is the record of your migration. Questions? Use the <Link href={SUPPORT_PATH} className="underline">support page</Link>; support never
        asks for your seed phrase.
      </p>
      <p className="mt-2">
        <Link href="/migrate" className="text-sm font-medium text-brand underline">
          Back to the migration
        </Link>
      </p>
    </section>
  );
}

function Row({ term, testId, mono, children }: { term: string; testId: string; mono?: boolean; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className={`mt-1 break-all ${mono ? 'font-mono text-sm' : 'font-semibold tabular-nums'}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
