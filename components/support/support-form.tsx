'use client';

import { type FormEvent, useMemo, useState } from 'react';
import { useLocale } from 'next-intl';
import { createSupportTicket } from '@/lib/api/client';
import { ErrorNotice } from '@/components/errors/error-notice';
import { SecretRefusal } from '@/components/errors/error-text';
import { useErrorContext } from '@/components/errors/use-error-text';
import { useSupportFormMessages } from '@/components/support/form-messages';

type ExchangeOption = { slug: string; name: string };
type Outcome =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'error'; error: unknown }
  | { kind: 'created'; id: string; lookupPath: string; drainerMentions: string[] };

const INPUT = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-slate-900 focus-visible:outline-2 focus-visible:outline-brand';
const OTHER = '__other';
const LOCATIONS = ['self_custody', 'exchange', 'unsure'] as const;
const LANGUAGES = ['en', 'ko'] as const;

/**
 * The support form. Before anything leaves the browser, every field goes through the seed-phrase
 * guard (lib/support/secret-guard.ts, loaded on submit): a recovery phrase or private key is
 * refused here and never sent. The server checks again and stores nothing it refuses. Either
 * refusal, like every other error, is worded by `describeError` in the page's language.
 */
export function SupportForm({ exchanges }: { exchanges: ExchangeOption[] }) {
  const M = useSupportFormMessages();
  // Replies in the language the holder reads this page in, unless they choose otherwise.
  const locale = useLocale();
  const [location, setLocation] = useState<'self_custody' | 'exchange' | 'unsure'>('self_custody');
  const [exchange, setExchange] = useState(exchanges[0]?.name ?? OTHER);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // A refused field is named with the label the holder sees.
  const fieldLabels = useMemo(
    () => ({ wallet: M.walletLabel, location: M.locationLabel, exchange: M.exchangeLabel, signatures: M.signaturesLabel, description: M.descriptionLabel, contact: M.contactLabel, language: M.languageLabel }),
    [M],
  );
  const errorContext = useErrorContext('support', useMemo(() => ({ fieldLabels }), [fieldLabels]));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      wallet: value('wallet'),
      location,
      exchange: location === 'exchange' ? (exchange === OTHER ? value('exchangeOther') : exchange) : '',
      signatures: value('signatures'),
      description: value('description'),
      contact: value('contact'),
      language: value('language') === 'ko' ? 'ko' : 'en',
    };
    setOutcome({ kind: 'sending' });
    const { findSecretInValues } = await import('@/lib/support/secret-guard');
    const secret = findSecretInValues(body);
    if (secret) {
      // Nothing of it is kept: not in state, not in a log; only which field it was in.
      setOutcome({ kind: 'error', error: new SecretRefusal(secret.field) });
      return;
    }
    try {
      const created = await createSupportTicket(body);
      setOutcome({ kind: 'created', id: created.id, lookupPath: created.lookupPath, drainerMentions: created.drainerMentions });
    } catch (error) {
      setOutcome({ kind: 'error', error });
    }
  }

  if (outcome.kind === 'created') {
    return (
      <section role="status" data-testid="ticket-created" className="rounded-xl border border-emerald-300 bg-emerald-50 p-6 text-emerald-950">
        <h2 className="text-lg font-semibold">{M.createdTitle}</h2>
        <p className="mt-1">{M.createdBody}</p>
        <p className="mt-3 break-all font-mono text-sm" data-testid="ticket-link-text">
          {window.location.origin}
          {outcome.lookupPath}
        </p>
        <a href={outcome.lookupPath} className="mt-3 inline-block rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink" data-testid="ticket-link">
          {M.createdLink}
        </a>
        {outcome.drainerMentions.length > 0 && <p className="mt-3 font-semibold text-red-800">{M.drainerWarning}</p>}
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="support-form">
      <label className="block font-medium">
        {M.walletLabel} <span className="font-normal text-slate-500">{M.optional}</span>
        <input name="wallet" type="text" autoComplete="off" spellCheck={false} maxLength={64} className={`${INPUT} font-mono`} />
        <span className="mt-0.5 block text-sm font-normal text-slate-600">{M.walletHint}</span>
      </label>
      <fieldset>
        <legend className="font-medium">{M.locationLabel}</legend>
        {LOCATIONS.map((key) => (
          <label key={key} className="mt-1 flex items-center gap-2">
            <input type="radio" name="location" value={key} checked={location === key} onChange={() => setLocation(key)} />
            {M.locations[key]}
          </label>
        ))}
      </fieldset>
      {location === 'exchange' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block font-medium">
            {M.exchangeLabel}
            <select value={exchange} onChange={(e) => setExchange(e.target.value)} className={INPUT} data-testid="exchange-select">
              {exchanges.map((e) => (
                <option key={e.slug} value={e.name}>
                  {e.name}
                </option>
              ))}
              <option value={OTHER}>{M.exchangeOther}</option>
            </select>
          </label>
          {exchange === OTHER && (
            <label className="block font-medium">
              {M.exchangeOtherLabel}
              <input name="exchangeOther" type="text" maxLength={60} required className={INPUT} />
            </label>
          )}
        </div>
      )}
      <label className="block font-medium">
        {M.signaturesLabel} <span className="font-normal text-slate-500">{M.optional}</span>
        <textarea name="signatures" rows={2} spellCheck={false} className={`${INPUT} font-mono text-sm`} />
        <span className="mt-0.5 block text-sm font-normal text-slate-600">{M.signaturesHint}</span>
      </label>
      <label className="block font-medium">
        {M.descriptionLabel}
        <textarea name="description" rows={5} required minLength={10} maxLength={4000} className={INPUT} data-testid="description" />
        <span className="mt-0.5 block text-sm font-normal text-slate-600">{M.descriptionHint}</span>
      </label>
      <label className="block font-medium">
        {M.contactLabel} <span className="font-normal text-slate-500">{M.optional}</span>
        <input name="contact" type="text" maxLength={200} className={INPUT} />
        <span className="mt-0.5 block text-sm font-normal text-slate-600">{M.contactHint}</span>
      </label>
      <label className="block font-medium">
        {M.languageLabel}
        <select name="language" defaultValue={locale === 'ko' ? 'ko' : 'en'} className={INPUT}>
          {LANGUAGES.map((key) => (
            <option key={key} value={key}>
              {M.languages[key]}
            </option>
          ))}
        </select>
      </label>
      <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="never-ask">
        {M.neverAsk}
      </p>
      {outcome.kind === 'error' && (
        <ErrorNotice error={outcome.error} context={errorContext} testId={isSecretRefusal(outcome.error) ? 'seed-guard' : 'support-error'} />
      )}
      <button type="submit" disabled={outcome.kind === 'sending'} className="rounded-lg bg-brand px-5 py-2 font-medium text-brand-ink disabled:opacity-60" data-testid="support-submit">
        {outcome.kind === 'sending' ? M.sending : M.submit}
      </button>
    </form>
  );
}

/** The guard's refusal, in the browser or from the server: shown under its own test id. */
function isSecretRefusal(error: unknown): boolean {
  return error instanceof SecretRefusal || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SEED_PHRASE_REFUSED');
}
