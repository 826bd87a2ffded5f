import { OpsActionForm } from '@/components/ops/action-form';
import { Card, Select, TextArea, TextField } from '@/components/ops/fields';
import { MigrationSearch } from '@/components/ops/migration-search';
import { SessionKeeper } from '@/components/ops/session-keeper';
import { formatDateTime, formatRelative } from '@/lib/format';
import type { KnownDrainer } from '@/lib/security/drainers';
import type { AuditEntry } from '@/lib/ops/audit';
import type { OpsDeposit } from '@/lib/ops/deposits';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { TICKET_STATUSES } from '@/lib/support/schema';
import type { OpsTicketView } from '@/lib/support/tickets';
import { EXCHANGE_STATES, type ExchangeStatus } from '@/lib/status/exchanges';
import { type Incident, INCIDENT_SEVERITIES, isUpdateOverdue } from '@/lib/status/incidents';
import type { MaintenanceState } from '@/lib/maintenance/server';

export type ConsoleData = {
  now: Date;
  wallet: string;
  sessionExpiresAt: Date;
  deployKillSwitch: boolean;
  flag: { on: boolean; reason: string | null; reasonKo: string | null; since: Date | null; setBy: string | null };
  effective: MaintenanceState;
  incidents: Incident[];
  exchanges: ExchangeStatus[];
  drainers: KnownDrainer[];
  tickets: OpsTicketView[];
  audit: AuditEntry[];
  /** Deposits with a refund waiting or a payout not yet settled (lib/ops/deposits.ts, filter `open`). */
  deposits: OpsDeposit[];
  /** Whether the server signs refunds itself (`MIGRATION_DEPOSIT_OWNER_SECRET_KEY`), or prepares them for the offline owner. */
  depositOwnerKeyOnServer: boolean;
};

const UPDATE_STATES = [
  ['investigating', 'Investigating'],
  ['identified', 'Identified'],
  ['monitoring', 'Monitoring'],
] as const;
const SEVERITY_OPTIONS = INCIDENT_SEVERITIES.map((s) => [s, s[0]?.toUpperCase() + s.slice(1)] as const);
const EXCHANGE_STATE_OPTIONS = EXCHANGE_STATES.map((s) => [s, s.replace('_', ' ')] as const);
const STATUS_OPTIONS = TICKET_STATUSES.map((s) => [s, s.replaceAll('_', ' ')] as const);

const when = (date: Date, now: Date) => (
  <time dateTime={date.toISOString()} title={date.toISOString()}>
    {formatDateTime(date)} ({formatRelative(date, now)})
  </time>
);

/** The signed-in ops console (server component; forms are small client leaves). English only. */
export function OpsConsole({ data }: { data: ConsoleData }) {
  const overdue = data.incidents.filter((i) => isUpdateOverdue(i, data.now));
  return (
    <div className="space-y-6" data-testid="ops-console">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Ops console</h1>
          <p className="mt-1 text-sm text-slate-700">
            Signed in as <span className="font-mono" data-testid="ops-wallet">{data.wallet}</span>. <SessionKeeper initialExpiry={data.sessionExpiresAt.toISOString()} />
          </p>
        </div>
        <OpsActionForm endpoint="/api/v1/ops/auth/logout" submitLabel="Sign out" tone="secondary" testId="sign-out" />
      </div>
      {overdue.length > 0 && (
        <p role="alert" data-testid="overdue-alert" className="rounded-lg border-2 border-red-500 bg-red-50 p-4 text-lg font-semibold text-red-900">
          {overdue.length === 1 ? 'An incident update is overdue' : `${overdue.length} incident updates are overdue`}: holders were promised news by{' '}
          {overdue.map((i) => formatDateTime(i.nextUpdateBy ?? data.now)).join(', ')}. Post an update now.
        </p>
      )}
      <MaintenanceCard data={data} />
      <IncidentsCard data={data} />
      <TicketsCard data={data} />
      <Card id="migrations" title="Migrations">
        <MigrationSearch />
      </Card>
      <DepositsCard data={data} />
      <ExchangesCard data={data} />
      <DrainersCard data={data} />
      <AuditCard data={data} />
    </div>
  );
}

function MaintenanceCard({ data }: { data: ConsoleData }) {
  const { effective, flag } = data;
  return (
    <Card id="maintenance" title="Maintenance kill switch" tone={effective.on ? 'alert' : 'plain'}>
      <p data-testid="maintenance-state" data-on={effective.on ? 'true' : 'false'} className={effective.on ? 'font-semibold text-red-800' : 'text-emerald-800'}>
        {effective.on ? 'The wallet flow is STOPPED.' : 'The wallet flow is open.'}
      </p>
      {data.deployKillSwitch && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          MIGRATION_KILL_SWITCH=on is set in the deployment. The console cannot lift it; a redeploy without it can.
        </p>
      )}
      {effective.source === 'unreadable' && <p className="text-sm text-red-800">The runtime flag cannot be read: the wallet flow fails closed.</p>}
      {flag.on ? (
        <>
          <p className="text-sm">
            Runtime flag on since {flag.since ? when(flag.since, data.now) : 'unknown'} by <span className="font-mono">{flag.setBy}</span>. Reason shown to
            holders: <span data-testid="maintenance-current-reason">{flag.reason}</span>
            {flag.reasonKo ? (
              <>
                {' '}
                / Korean: <span lang="ko" data-testid="maintenance-current-reason-ko">{flag.reasonKo}</span>
              </>
            ) : (
              ' (no Korean text: Korean pages show the English, marked as the original)'
            )}
          </p>
          <OpsActionForm endpoint="/api/v1/ops/maintenance" fixed={{ on: false }} submitLabel="Turn maintenance off" testId="maintenance-off" />
        </>
      ) : (
        <OpsActionForm endpoint="/api/v1/ops/maintenance" fixed={{ on: true }} submitLabel="Turn maintenance on" tone="danger" testId="maintenance-on">
          <TextArea label="Reason (shown to holders)" name="reason" required rows={2} maxLength={500} placeholder="e.g. We are investigating delayed confirmations." />
          <TextArea label="Reason in Korean (without it Korean pages show the English, marked as the original)" name="reasonKo" rows={2} maxLength={500} />
        </OpsActionForm>
      )}
    </Card>
  );
}

function IncidentsCard({ data }: { data: ConsoleData }) {
  const active = data.incidents.filter((i) => !i.resolvedAt);
  const resolved = data.incidents.filter((i) => i.resolvedAt).slice(0, 10);
  return (
    <Card id="incidents" title="Incidents">
      <details className="rounded border border-slate-200 p-3">
        <summary className="cursor-pointer font-medium">Post a new incident</summary>
        <OpsActionForm endpoint="/api/v1/ops/incidents" submitLabel="Post incident" testId="incident-post" className="mt-3 space-y-3">
          <Select label="Severity" name="severity" options={SEVERITY_OPTIONS} defaultValue="warning" />
          <TextField label="Title (English)" name="title.en" required maxLength={200} />
          <TextField label="Title (Korean)" name="title.ko" maxLength={200} />
          <TextArea label="What is happening (English)" name="body.en" required maxLength={4000} />
          <TextArea label="What is happening (Korean)" name="body.ko" maxLength={4000} />
          <TextField label="Next update in (minutes)" name="nextUpdateInMinutes" placeholder="30" />
          <TextField label="Link" name="link" placeholder="https://x.com/…" hint="https only, on an allowlisted host" />
        </OpsActionForm>
      </details>
      {active.length === 0 && <p className="text-sm text-slate-600">No open incidents.</p>}
      <ul className="space-y-4">
        {active.map((incident) => (
          <IncidentItem key={incident.id} incident={incident} now={data.now} />
        ))}
      </ul>
      {resolved.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Recently resolved ({resolved.length})</summary>
          <ul className="mt-2 space-y-1 text-sm">
            {resolved.map((i) => (
              <li key={i.id}>
                {i.title.en}, resolved {i.resolvedAt ? when(i.resolvedAt, data.now) : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}

function IncidentItem({ incident, now }: { incident: Incident; now: Date }) {
  const overdue = isUpdateOverdue(incident, now);
  return (
    <li className={`rounded-lg border p-4 ${overdue ? 'border-red-500 bg-red-50' : 'border-slate-200'}`} data-testid="incident" data-incident-id={incident.id}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded bg-slate-800 px-2 py-0.5 text-xs uppercase text-white">{incident.severity}</span>
        <span className="font-semibold" data-testid="incident-title">
          {incident.title.en}
        </span>
        <span className="text-sm text-slate-600">{incident.state}</span>
      </div>
      {incident.nextUpdateBy && (
        <p className={overdue ? 'mt-1 font-bold text-red-800' : 'mt-1 text-sm text-slate-700'} data-testid={overdue ? 'incident-overdue' : 'incident-next-update'}>
          {overdue ? 'UPDATE OVERDUE: promised by ' : 'Next update by '}
          {when(incident.nextUpdateBy, now)}
        </p>
      )}
      {incident.link && <p className="text-sm">Link: {incident.link}</p>}
      <ol className="mt-2 space-y-1 text-sm">
        {incident.updates.map((u) => (
          <li key={u.id}>
            <span className="text-slate-500">{formatDateTime(u.at)}</span> <span className="font-medium">{u.state}</span>: <span className="whitespace-pre-wrap">{u.body.en}</span>
          </li>
        ))}
      </ol>
      <div className="mt-3 grid gap-4 md:grid-cols-3">
        <OpsActionForm endpoint={`/api/v1/ops/incidents/${incident.id}/updates`} submitLabel="Post update" testId="incident-update">
          <Select label="State" name="state" options={UPDATE_STATES} defaultValue={incident.state === 'resolved' ? 'monitoring' : incident.state} />
          <TextArea label="Update (English)" name="body.en" required rows={2} />
          <TextArea label="Update (Korean)" name="body.ko" rows={2} />
          <TextField label="Next update in (minutes)" name="nextUpdateInMinutes" />
        </OpsActionForm>
        <OpsActionForm endpoint={`/api/v1/ops/incidents/${incident.id}/next-update`} submitLabel="Set next update" tone="secondary" testId="incident-next-update-form">
          <TextField label="Next update in (minutes)" name="nextUpdateInMinutes" required />
        </OpsActionForm>
        <OpsActionForm endpoint={`/api/v1/ops/incidents/${incident.id}/resolve`} submitLabel="Resolve" tone="secondary" testId="incident-resolve">
          <TextArea label="Closing note (English)" name="body.en" required rows={2} />
          <TextArea label="Closing note (Korean)" name="body.ko" rows={2} />
        </OpsActionForm>
      </div>
    </li>
  );
}

function TicketsCard({ data }: { data: ConsoleData }) {
  return (
    <Card id="tickets" title={`Support queue (${data.tickets.length} open)`}>
      {data.tickets.length === 0 && <p className="text-sm text-slate-600">No open tickets.</p>}
      <ul className="space-y-4">
        {data.tickets.map((t) => (
          <li key={t.id} className="rounded-lg border border-slate-200 p-4" data-testid="ticket" data-ticket-id={t.id}>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono">{t.id}</span>
              <span className="rounded bg-slate-100 px-2 py-0.5" data-testid="ticket-status">
                {t.status.replaceAll('_', ' ')}
              </span>
              <span className="text-slate-600">opened {when(new Date(t.createdAt), data.now)}</span>
              <span className="text-slate-600">language {t.language}</span>
            </div>
            {t.drainerMentions.length > 0 && (
              <p className="mt-1 text-sm font-semibold text-red-800">Mentions a known drainer: {t.drainerMentions.join(', ')}</p>
            )}
            <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-slate-600">Wallet</dt>
              <dd className="break-all font-mono">{t.wallet ?? '(not given)'}</dd>
              <dt className="text-slate-600">Tokens are</dt>
              <dd>{t.location === 'exchange' ? `on an exchange: ${t.exchange ?? ''}` : t.location.replace('_', ' ')}</dd>
              <dt className="text-slate-600">Signatures</dt>
              <dd className="break-all font-mono text-xs">{t.signatures.length > 0 ? t.signatures.join(' ') : '(none)'}</dd>
              <dt className="text-slate-600">Contact</dt>
              <dd>{t.contact ?? '(none)'}</dd>
              <dt className="text-slate-600">Description</dt>
              <dd className="whitespace-pre-wrap" data-testid="ticket-description">
                {t.description}
              </dd>
            </dl>
            <OpsActionForm endpoint={`/api/v1/ops/tickets/${t.id}/status`} submitLabel="Update ticket" testId="ticket-status-form" className="mt-3 space-y-3">
              <Select label="Status" name="status" options={STATUS_OPTIONS} defaultValue={t.status === 'open' ? 'in_progress' : t.status} />
              <TextArea label="Note to the holder (required to resolve or close)" name="note" rows={2} />
            </OpsActionForm>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ExchangesCard({ data }: { data: ConsoleData }) {
  return (
    <Card id="exchanges" title="Exchanges">
      <ul className="space-y-3">
        {data.exchanges.map((e) => (
          <li key={e.slug} className="rounded-lg border border-slate-200 p-3" data-testid="exchange" data-slug={e.slug}>
            <details>
              <summary className="cursor-pointer">
                <span className="font-medium">{e.name}</span> <span className="text-sm text-slate-600">{e.state.replace('_', ' ')}</span>{' '}
                <span className="text-sm text-slate-600">(migrated by {e.whoMigrates}; updated {formatRelative(e.updatedAt, data.now)}{e.nextCheckIn ? `; next check-in ${formatRelative(e.nextCheckIn, data.now)}` : ''})</span>
              </summary>
              <OpsActionForm endpoint={`/api/v1/ops/exchanges/${e.slug}`} method="PUT" submitLabel={`Save ${e.name}`} className="mt-3 space-y-3">
                <TextField label="Name in Korean" name="nameKo" defaultValue={e.nameKo ?? ''} placeholder="빗썸" />
                <Select label="State" name="state" options={EXCHANGE_STATE_OPTIONS} defaultValue={e.state} />
                <Select label="Who migrates" name="whoMigrates" options={[['exchange', 'The exchange'], ['holder', 'The holder']]} defaultValue={e.whoMigrates} />
                <TextArea label="What the holder should do (English)" name="holderAction.en" required defaultValue={e.holderAction.en} />
                <TextArea label="What the holder should do (Korean)" name="holderAction.ko" defaultValue={e.holderAction.ko ?? ''} />
                <TextField label="Next check-in in (minutes)" name="nextCheckInMinutes" />
              </OpsActionForm>
            </details>
          </li>
        ))}
      </ul>
      <details className="rounded border border-slate-200 p-3">
        <summary className="cursor-pointer font-medium">Add an exchange</summary>
        <AddExchangeForm />
      </details>
    </Card>
  );
}

function AddExchangeForm() {
  return (
    <OpsActionForm endpoint="/api/v1/ops/exchanges" pathField="slug" method="PUT" submitLabel="Add exchange" className="mt-3 space-y-3" testId="exchange-add">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Slug" name="slug" required placeholder="gate-io" hint="lowercase letters, digits and dashes" />
        <TextField label="Name" name="name" required placeholder="Gate.io" />
        <TextField label="Name in Korean" name="nameKo" placeholder="게이트아이오" />
      </div>
      <Select label="State" name="state" options={EXCHANGE_STATE_OPTIONS} defaultValue="not_started" />
      <Select label="Who migrates" name="whoMigrates" options={[['exchange', 'The exchange'], ['holder', 'The holder']]} defaultValue="exchange" />
      <TextArea label="What the holder should do (English)" name="holderAction.en" required />
      <TextArea label="What the holder should do (Korean)" name="holderAction.ko" />
      <TextField label="Next check-in in (minutes)" name="nextCheckInMinutes" />
    </OpsActionForm>
  );
}

/**
 * Deposit and receive (DESIGN.md "Deposit and receive"): refunds waiting for an ops action and
 * payouts not yet settled. Refund sends (or, without the owner's key on the server, prepares) the
 * refund back to the source token account only; Reject closes it with a note the holder reads.
 */
function DepositsCard({ data }: { data: ConsoleData }) {
  const units = (value: string | null, decimals: number) => (value === null ? '–' : formatBaseUnits(BigInt(value), decimals));
  return (
    <Card id="deposits" title="Deposits">
      <p className="text-sm text-slate-700">
        Refunds go back to the token account the deposit came from, signed by the deposit owner, and are audited.{' '}
        {data.depositOwnerKeyOnServer ? (
          'The server holds the deposit owner’s key: Refund signs and sends.'
        ) : (
          <>
            The deposit owner’s key is offline: Refund prepares the transaction; sign and send it with{' '}
            <code className="font-mono text-xs">npm run ops -- deposit refund ID --owner-keypair FILE</code> (or <code className="font-mono text-xs">--unsigned-out FILE</code> for an offline signer).
          </>
        )}{' '}
        Also: <code className="font-mono text-xs">npm run ops -- deposit list</code>.
      </p>
      {data.deposits.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="deposits-none">
          No refund waits and no payout is in flight.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200" data-testid="deposit-list">
          {data.deposits.map((d) => (
            <li key={d.id} className="space-y-2 py-3 text-sm" data-testid="ops-deposit" data-id={d.id} data-refund={d.refundState}>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="rounded bg-slate-100 px-2 py-0.5 font-medium" data-testid="ops-deposit-state">
                  {d.state}
                </span>
                {d.reason && <span className="text-slate-700">{d.reason}</span>}
                <span className="tabular-nums">
                  {units(d.amount, d.decimals)} sent · {units(d.paid, d.decimals)} paid · refund {d.refundState} {units(d.refundAmount, d.decimals)}
                </span>
                <time dateTime={d.blockTime} className="text-slate-600">
                  {formatDateTime(new Date(d.blockTime))}
                </time>
              </div>
              <p className="break-all font-mono text-xs text-slate-700">
                id {d.id} · from {d.wallet ?? 'unknown sender'} (token account {d.sourceTokenAccount}) · deposit {d.signature}
                {d.payoutSignature && ` · payout ${d.payoutSignature}`}
                {d.refundSignature && ` · refund ${d.refundSignature}`}
              </p>
              {(d.payoutError || d.refundError) && <p className="text-red-800">{d.payoutError ?? d.refundError}</p>}
              {d.refundState === 'pending' && (
                <div className="flex flex-wrap items-start gap-3">
                  <OpsActionForm endpoint={`/api/v1/ops/deposits/${d.id}/refund`} submitLabel={data.depositOwnerKeyOnServer ? 'Refund' : 'Prepare refund'} testId="deposit-refund" />
                  <OpsActionForm endpoint={`/api/v1/ops/deposits/${d.id}/reject`} submitLabel="Reject refund" tone="secondary" testId="deposit-reject">
                    <TextField label="Note the holder reads (why, and what to do)" name="note" required maxLength={500} />
                  </OpsActionForm>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function DrainersCard({ data }: { data: ConsoleData }) {
  return (
    <Card id="drainers" title="Known drainer addresses">
      <p className="text-sm text-slate-700">The transaction policy refuses any transaction that names one of these; support tickets that mention one are flagged.</p>
      <ul className="divide-y divide-slate-200">
        {data.drainers.map((d) => (
          <li key={d.address} className="flex flex-wrap items-center gap-3 py-2 text-sm" data-testid="drainer">
            <span className="break-all font-mono">{d.address}</span>
            <span>{d.label}</span>
            <OpsActionForm endpoint={`/api/v1/ops/drainers/${d.address}`} method="DELETE" submitLabel="Remove" tone="secondary" className="ml-auto" />
          </li>
        ))}
      </ul>
      <OpsActionForm endpoint="/api/v1/ops/drainers" submitLabel="Add address" testId="drainer-add">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Address" name="address" required />
          <TextField label="Label" name="label" required maxLength={120} />
        </div>
      </OpsActionForm>
    </Card>
  );
}

function AuditCard({ data }: { data: ConsoleData }) {
  return (
    <Card id="audit" title="Audit log">
      <p className="text-sm">
        Append-only: the database refuses any change or deletion.{' '}
        <a href="/api/v1/ops/audit?format=csv" download className="font-medium underline" data-testid="audit-csv">
          Download the whole log as CSV
        </a>
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <thead className="text-slate-600">
            <tr>
              <th className="py-1 pr-3 font-medium">When</th>
              <th className="py-1 pr-3 font-medium">Wallet</th>
              <th className="py-1 pr-3 font-medium">Action</th>
              <th className="py-1 pr-3 font-medium">Target</th>
              <th className="py-1 font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {data.audit.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top" data-testid="audit-row" data-action={e.action}>
                <td className="py-1 pr-3 whitespace-nowrap">{e.at.slice(0, 19).replace('T', ' ')}</td>
                <td className="py-1 pr-3 font-mono text-xs">{e.wallet.slice(0, 4)}…{e.wallet.slice(-4)}</td>
                <td className="py-1 pr-3">{e.action}</td>
                <td className="py-1 pr-3 break-all font-mono text-xs">{e.target ?? ''}</td>
                <td className="py-1 break-all font-mono text-xs">{e.after === null ? '' : JSON.stringify(e.after).slice(0, 160)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
