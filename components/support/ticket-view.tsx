'use client';

import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useLocale } from 'next-intl';
import { fetchSupportTicket } from '@/lib/api/client';
import type { HolderTicketResponse } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { ticketNumber } from '@/lib/support/schema';
import { useReaderTimeZone } from '@/components/ui/reader-time-zone';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useErrorContext } from '@/components/errors/use-error-text';
import { useTicketMessages } from '@/components/support/ticket-messages';

type State = { kind: 'need-key' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; ticket: HolderTicketResponse };

/** The key from `#key=…` (never sent to the server as part of a URL: fragments stay in the browser). */
function keyFromFragment(): string | null {
  const match = /(?:^#|&)key=([A-Za-z0-9_-]{16,200})/.exec(window.location.hash);
  return match?.[1] ?? null;
}

/**
 * The holder's ticket: reads the key from the link's fragment and asks the API with it in a
 * header. Everything shown is text the holder or support wrote, rendered as text.
 */
export function TicketView({ id }: { id: string }) {
  const M = useTicketMessages();
  const locale = useLocale();
  const zone = useReaderTimeZone();
  const when = (iso: string) => formatDateTime(new Date(iso), locale, { timeZone: zone });
  const [state, setState] = useState<State>({ kind: 'loading' });

  const errorContext = useErrorContext('ticket');

  const load = useCallback(
    async (key: string) => {
      setState({ kind: 'loading' });
      try {
        setState({ kind: 'ready', ticket: await fetchSupportTicket(id, key) });
      } catch (error) {
        setState({ kind: 'error', error });
      }
    },
    [id],
  );

  useEffect(() => {
    // Also when only the fragment changes (a link to this same page, pasted or clicked).
    const fromFragment = () => {
      const key = keyFromFragment();
      if (key) void load(key);
      else setState({ kind: 'need-key' });
    };
    fromFragment();
    window.addEventListener('hashchange', fromFragment);
    return () => window.removeEventListener('hashchange', fromFragment);
  }, [load]);

  function onKey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('key') ?? '').trim();
    const key = /key=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? text;
    // Setting the fragment fires hashchange, which loads the ticket (unless it is already there).
    if (window.location.hash === `#key=${key}`) void load(key);
    else window.location.hash = `key=${key}`;
  }

  if (state.kind === 'loading') return <p role="status">{M.loading}</p>;
  if (state.kind === 'need-key' || state.kind === 'error') {
    return (
      <div className="space-y-3">
        {state.kind === 'error' && <ErrorNotice error={state.error} context={errorContext} testId="ticket-error" />}
        <form onSubmit={onKey} method="post" className="space-y-2 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <p>{M.keyMissing}</p>
          <label className="block font-medium">
            {M.keyLabel}
            <input name="key" type="text" autoComplete="off" spellCheck={false} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-sm" />
          </label>
          <button type="submit" className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink">
            {M.open}
          </button>
        </form>
      </div>
    );
  }
  const { ticket } = state;
  return (
    <div className="space-y-6" data-testid="ticket-view">
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="mb-2" data-testid="ticket-number">
          {M.numberLabel}: <strong className="font-mono">{ticket.number ?? ticketNumber(ticket.id)}</strong>
        </p>
        <p>
          {M.statusLabel}:{' '}
          <span className="rounded-full bg-slate-100 px-3 py-0.5 font-semibold" data-testid="ticket-status">
            {M.statuses[ticket.status]}
          </span>
        </p>
        {ticket.resolution && (
          <div className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
            <h2 className="font-semibold">{M.resolutionTitle}</h2>
            <p className="mt-1 whitespace-pre-wrap" data-testid="ticket-resolution">
              {ticket.resolution}
            </p>
          </div>
        )}
        {ticket.drainerMentions.length > 0 && <p className="mt-4 font-semibold text-red-800">{M.drainerWarning}</p>}
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{M.historyTitle}</h2>
        <ol className="mt-2 space-y-2" data-testid="ticket-events">
          {ticket.events.map((event, index) => (
            <li key={`${event.at}-${index}`} data-testid="ticket-event">
              <span className="text-sm text-slate-600">{when(event.at)}</span> · <span className="font-medium">{M.statuses[event.status]}</span>
              {event.byOps ? <span className="text-sm text-slate-600"> ({M.bySupport})</span> : <span className="text-sm text-slate-600"> ({M.opened})</span>}
              {event.note && <p className="mt-0.5 whitespace-pre-wrap">{event.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{M.detailsTitle}</h2>
        <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-600">{M.wallet}</dt>
          <dd className="break-all font-mono">{ticket.wallet ?? M.none}</dd>
          <dt className="text-slate-600">{M.location}</dt>
          <dd>
            {M.locations[ticket.location]}
            {ticket.exchange ? `: ${ticket.exchange}` : ''}
          </dd>
          <dt className="text-slate-600">{M.migrationId}</dt>
          <dd className="break-all font-mono text-xs" data-testid="ticket-migration-id">
            {ticket.migrationId ?? M.none}
          </dd>
          <dt className="text-slate-600">{M.signatures}</dt>
          <dd className="break-all font-mono text-xs">{ticket.signatures.length > 0 ? ticket.signatures.join(' ') : M.none}</dd>
          <dt className="text-slate-600">{M.contact}</dt>
          <dd>{ticket.contact ?? M.none}</dd>
          <dt className="text-slate-600">{M.description}</dt>
          <dd className="whitespace-pre-wrap" data-testid="ticket-description">
            {ticket.description}
          </dd>
        </dl>
      </section>
      <p className="text-sm text-slate-700">{M.neverAsk}</p>
    </div>
  );
}
