'use client';

// First: zod must be jitless before any schema is defined (lib/support/schema defines some; CSP has no 'unsafe-eval').
import '@/lib/zod-jitless';
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { formatDateTime } from '@/lib/format';
import { ticketNumber } from '@/lib/support/schema';
import { CopyButton } from '@/components/ui/copy-button';
import { useReaderTimeZone } from '@/components/ui/reader-time-zone';
import { useFocusOnChange } from '@/components/ui/use-focus-on-change';
import { createSupportTicket } from '@/lib/api/client';
import { ErrorNotice } from '@/components/errors/error-notice';
import { SecretRefusal } from '@/components/errors/error-text';
import { useErrorContext } from '@/components/errors/use-error-text';
import { useSupportFormMessages } from '@/components/support/form-messages';

/**
 * An exchange as the form shows it: `name` in the page's language (빗썸 on a Korean page),
 * `ticketName` as the ticket records it, and its status as the status page publishes it.
 */
export type ExchangeOption = {
  slug: string;
  name: string;
  ticketName: string;
  state: 'not_started' | 'in_progress' | 'completed' | 'not_supported';
  whoMigrates: 'exchange' | 'holder';
  action: { text: string; lang: 'en' | 'ko'; fallback: boolean };
  updatedAt: string;
  nextCheckIn: string | null;
};
type Outcome =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'error'; error: unknown }
  | { kind: 'created'; id: string; number: string; lookupPath: string; drainerMentions: string[] };

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
export function SupportForm({ exchanges, migrationId }: { exchanges: ExchangeOption[]; migrationId: string | null }) {
  const M = useSupportFormMessages();
  const t = useTranslations('supportForm');
  // Replies in the language the holder reads this page in, unless they choose otherwise.
  const locale = useLocale();
  const [location, setLocation] = useState<'self_custody' | 'exchange' | 'unsure'>('self_custody');
  const [exchange, setExchange] = useState(exchanges[0]?.slug ?? OTHER);
  const chosen = exchanges.find((e) => e.slug === exchange) ?? null;
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
      exchange: location === 'exchange' ? (exchange === OTHER ? value('exchangeOther') : (chosen?.ticketName ?? '')) : '',
      migrationId: value('migrationId'),
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
      setOutcome({ kind: 'created', id: created.id, number: created.number ?? ticketNumber(created.id), lookupPath: created.lookupPath, drainerMentions: created.drainerMentions });
    } catch (error) {
      setOutcome({ kind: 'error', error });
    }
  }

  if (outcome.kind === 'created') return <TicketCreated outcome={outcome} />;

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="support-form">
      <label className="block font-medium">
        {t('migrationIdLabel')} <span className="font-normal text-slate-500">{M.optional}</span>
        <input
          name="migrationId"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={36}
          defaultValue={migrationId ?? ''}
          className={`${INPUT} font-mono text-sm`}
          data-testid="migration-id"
        />
        <span className="mt-0.5 block text-sm font-normal text-slate-600">{migrationId ? t('migrationIdPrefilled') : t('migrationIdHint')}</span>
      </label>
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
                <option key={e.slug} value={e.slug}>
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
          {chosen && <ExchangeStatusNote exchange={chosen} />}
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

/**
 * The chosen exchange's status as the status page publishes it, before the rest of the form: often
 * there is nothing to do ("the exchange migrates for you; next update …"), and no ticket is needed.
 */
function ExchangeStatusNote({ exchange }: { exchange: ExchangeOption }) {
  const t = useTranslations('supportForm');
  const tx = useTranslations('exchanges');
  const tb = useTranslations('incidentBanner');
  const locale = useLocale();
  const zone = useReaderTimeZone();
  const when = (iso: string) => formatDateTime(new Date(iso), locale, { timeZone: zone, withUtc: true });
  const nothingToDo = exchange.whoMigrates === 'exchange' && exchange.state !== 'not_supported';
  return (
    <div role="status" className="rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 sm:col-span-2" data-testid="exchange-status" data-slug={exchange.slug}>
      <p className="font-semibold">
        {nothingToDo ? t('exchangeNothingToDo', { name: exchange.name }) : t('exchangeState', { name: exchange.name, state: tx(`stateValue.${exchange.state}`) })}
      </p>
      <p className="mt-1">
        <span lang={exchange.action.lang}>{exchange.action.text}</span>
        {exchange.action.fallback && <span className="ml-1 text-xs opacity-80">{tb('originalLanguage')}</span>}
      </p>
      <p className="mt-1" data-testid="exchange-next-check-in">
        {exchange.nextCheckIn ? t('exchangeNextUpdate', { time: when(exchange.nextCheckIn) }) : t('exchangeNoCheckIn', { updated: when(exchange.updatedAt) })}
      </p>
      {nothingToDo && <p className="mt-1 text-sky-900">{t('exchangeStillAsk')}</p>}
    </div>
  );
}

/**
 * The ticket is open: its number, the private link with a copy button, and a warning before the
 * page is left while the link has not been copied or opened (it cannot be shown again).
 */
function TicketCreated({ outcome }: { outcome: Extract<Outcome, { kind: 'created' }> }) {
  const M = useSupportFormMessages();
  const t = useTranslations('supportForm');
  const linkId = useId();
  const [kept, setKeptState] = useState(false);
  // Read by the unload handler at once (a click on the link navigates before React re-renders).
  const keptRef = useRef(false);
  const setKept = useCallback(() => {
    keptRef.current = true;
    setKeptState(true);
  }, []);
  const link = `${window.location.origin}${outcome.lookupPath}`;
  const ref = useFocusOnChange<HTMLHeadingElement>(outcome.id);
  useEffect(() => {
    // The browser shows its own "leave this page?" prompt; the text is not ours to set.
    const warn = (event: BeforeUnloadEvent) => {
      if (keptRef.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
  return (
    <section role="status" data-testid="ticket-created" data-link-kept={kept ? 'true' : 'false'} className="rounded-xl border border-emerald-300 bg-emerald-50 p-6 text-emerald-950">
      <h2 ref={ref} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {M.createdTitle}
      </h2>
      <p className="mt-1" data-testid="ticket-number">
        {t.rich('createdNumber', { number: outcome.number, b: (chunks) => <strong className="font-mono">{chunks}</strong> })}
      </p>
      <p className="mt-2">{M.createdBody}</p>
      <p id={linkId} className="mt-3 break-all rounded border border-emerald-200 bg-white p-2 font-mono text-sm" data-testid="ticket-link-text">
        {link}
      </p>
      <div className="mt-3 flex flex-wrap gap-3">
        <CopyButton text={link} label={t('copyLink')} copiedLabel={t('copiedLink')} selectId={linkId} testId="copy-ticket-link" onCopied={setKept} />
        <a href={outcome.lookupPath} onClick={setKept} className="inline-block rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink" data-testid="ticket-link">
          {M.createdLink}
        </a>
      </div>
      {!kept && (
        <p className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm font-medium text-amber-950" data-testid="ticket-leave-warning">
          {t('leaveWarning')}
        </p>
      )}
      {outcome.drainerMentions.length > 0 && <p className="mt-3 font-semibold text-red-800">{M.drainerWarning}</p>}
    </section>
  );
}
