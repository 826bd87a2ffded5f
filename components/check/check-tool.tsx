'use client';

// First: zod must be jitless before any schema is defined (CSP has no 'unsafe-eval'; see the module).
import '@/lib/zod-jitless';
import bs58 from 'bs58';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { MigrationResponse } from '@/lib/api/types';
import type { Cluster } from '@/lib/config/env';
import { violationTexts } from '@/lib/i18n/violations';
import { formatBaseUnits } from '@/lib/solana/amounts';
import type { DrainerLabels } from '@/lib/solana/delegations';
import {
  CheckInputError,
  checkOfficial,
  describeTransaction,
  isOfficialOrigin,
  parseCheckInput,
  type CheckInputErrorCode,
  type CheckVerdict,
  type DescribedTransaction,
  type Field,
} from '@/lib/solana/official-check';
import type { OfficialParams } from '@/lib/solana/official-params';
import { ApiRequestError, fetchDrainerLabels, fetchMigration, fetchSignedManifest, fetchTransactionBySignature } from '@/lib/api/client';
import { MANIFEST_PATH, verifySignedManifest } from '@/lib/release/manifest';
import { useFocusOnChange } from '@/components/ui/use-focus-on-change';

const SOL_DECIMALS = 9;

type OnChain = { slot: number; failed: boolean };
type PortalRecord = { status: 'found'; migration: MigrationResponse } | { status: 'missing' } | { status: 'unavailable' };
type Result = { verdict: CheckVerdict; described: DescribedTransaction; onChain: OnChain | null; record: PortalRecord | null; clusterNote: string | null };
/** A pasted site address against the signed manifest's origin (null: the manifest could not be verified). */
type SiteResult = { url: string; origin: string; officialOrigin: string | null; official: boolean };
/** What went wrong before a verdict: the input (by code), or the signature's lookup. */
type CheckError = { kind: 'input'; code: CheckInputErrorCode } | { kind: 'notFound' } | { kind: 'lookupFailed' };
type State =
  | { status: 'idle' }
  | { status: 'working'; lookingUp: boolean }
  | { status: 'error'; error: CheckError }
  | { status: 'secret'; kind: 'recovery-phrase' | 'secret-key' }
  | { status: 'site'; site: SiteResult }
  | { status: 'done'; result: Result };

/** The official origin, from the signed deployment manifest verified with the release key; null when it cannot be verified. */
async function officialOrigin(releasePublicKey: string | null): Promise<string | null> {
  try {
    const check = verifySignedManifest(await fetchSignedManifest(MANIFEST_PATH), releasePublicKey);
    return check.ok ? check.signed.manifest.parameters.origin : null;
  } catch {
    return null;
  }
}

async function portalRecord(id: string): Promise<PortalRecord> {
  try {
    return { status: 'found', migration: await fetchMigration(id) };
  } catch (error) {
    return error instanceof ApiRequestError && error.status === 404 ? { status: 'missing' } : { status: 'unavailable' };
  }
}

/** The paste box, the verdict and the decode. Everything shown is decoded here from the bytes. */
export function CheckTool({ params }: { params: OfficialParams & { cluster: Cluster; releasePublicKey: string | null } }) {
  const t = useTranslations('check');
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ status: 'idle' });
  const [drainers, setDrainers] = useState<DrainerLabels>(new Map());

  useEffect(() => {
    let live = true;
    fetchDrainerLabels()
      .catch(() => new Map<string, string>())
      .then((labels) => {
        if (live) setDrainers(labels);
      });
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ status: 'working', lookingUp: false });
    // A recovery phrase or a private key first, with the one detector (lib/support/secret-guard.ts):
    // it is taken off the page at once and never looked up, decoded or sent anywhere.
    const { findSecretMaterial } = await import('@/lib/support/secret-guard');
    const secret = findSecretMaterial(text);
    if (secret) {
      setText('');
      setState({ status: 'secret', kind: secret.kind });
      return;
    }
    let input;
    try {
      input = parseCheckInput(text, bs58.decode);
    } catch (error) {
      setState({ status: 'error', error: error instanceof CheckInputError ? { kind: 'input', code: error.code } : { kind: 'lookupFailed' } });
      return;
    }
    if (input.kind === 'site') {
      const official = await officialOrigin(params.releasePublicKey);
      setState({ status: 'site', site: { url: input.url, origin: input.origin, officialOrigin: official, official: official !== null && isOfficialOrigin(input.origin, official) } });
      return;
    }
    setState({ status: 'working', lookingUp: input.kind === 'signature' });
    let bytes: Uint8Array;
    let onChain: OnChain | null = null;
    // An explorer link of another cluster than the portal's: said beside the answer.
    const clusterNote = input.kind === 'signature' && input.cluster && input.cluster !== explorerClusterName(params.cluster) ? input.cluster : null;
    if (input.kind === 'signature') {
      try {
        // The wire bytes exactly as the chain stored them, through the same-origin RPC proxy.
        const found = await fetchTransactionBySignature(input.signature);
        if (!found) {
          setState({ status: 'error', error: { kind: 'notFound' } });
          return;
        }
        bytes = found.bytes;
        onChain = { slot: found.slot, failed: found.failed };
      } catch {
        setState({ status: 'error', error: { kind: 'lookupFailed' } });
        return;
      }
    } else {
      bytes = input.bytes;
    }
    let described: DescribedTransaction;
    try {
      described = describeTransaction(bytes, [
        { symbol: 'AI16Z', mint: params.ai16z.mint, decimals: params.ai16z.decimals },
        { symbol: 'ELIZAOS', mint: params.elizaos.mint, decimals: params.elizaos.decimals },
      ]);
    } catch (error) {
      setState({ status: 'error', error: error instanceof CheckInputError ? { kind: 'input', code: error.code } : { kind: 'lookupFailed' } });
      return;
    }
    const verdict = checkOfficial(bytes, params, { knownDrainers: [...drainers.keys()] });
    // Informational only: the verdict above never depends on what the server says.
    const record = verdict.kind === 'migration' ? await portalRecord(verdict.migration.migrationId) : null;
    setState({ status: 'done', result: { verdict, described, onChain, record, clusterNote } });
  };

  return (
    <div className="space-y-6">
      <form onSubmit={(e) => void submit(e)} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="check-form">
        <label htmlFor="check-input" className="block font-medium">
          {t('inputLabel')}
        </label>
        <p className="text-sm text-slate-600">{t('inputHint', { cluster: t(`clusters.${params.cluster}`) })}</p>
        <textarea
          id="check-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          spellCheck={false}
          className="mt-2 w-full rounded-lg border border-slate-300 p-2 font-mono text-xs"
          data-testid="check-input"
        />
        <button
          type="submit"
          disabled={state.status === 'working'}
          className="mt-3 rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
          data-testid="check-submit"
        >
          {state.status === 'working' ? t('checking') : t('submit')}
        </button>
        {state.status === 'working' && state.lookingUp && (
          <p role="status" className="mt-2 text-sm text-slate-600">
            {t('lookingUp')}
          </p>
        )}
        {state.status === 'secret' && <SecretAlarm kind={state.kind} />}
        {state.status === 'error' && (
          <p role="alert" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="check-error">
            {state.error.kind === 'input'
              ? t(`input.${state.error.code}`)
              : state.error.kind === 'notFound'
                ? t('notFound', { cluster: t(`clusters.${params.cluster}`) })
                : t('lookupFailed')}
          </p>
        )}
      </form>
      {state.status === 'site' && <SiteVerdict site={state.site} />}
      {state.status === 'done' && <CheckResult result={state.result} params={params} drainers={drainers} />}
    </div>
  );
}

function CheckResult({ result, params, drainers }: { result: Result; params: OfficialParams; drainers: DrainerLabels }) {
  const t = useTranslations('check');
  const tPolicy = useTranslations('policy');
  const locale = useLocale();
  const { verdict, described, onChain, record } = result;
  const names = new Map<string, string>([
    [params.vaultTokenAccount, t('names.vault')],
    [params.treasuryTokenAccount, t('names.treasury')],
    [params.treasuryDelegate, t('names.delegate')],
    [params.ai16z.mint, t('names.ai16zMint')],
    [params.elizaos.mint, t('names.elizaosMint')],
    [described.feePayer, t('names.feePayer')],
  ]);
  const official = verdict.kind !== 'not-official';
  const strong = (chunks: ReactNode) => <strong className="tabular-nums">{chunks}</strong>;
  return (
    <div className="space-y-6">
      <section
        className={`rounded-xl border-2 p-5 ${official ? 'border-emerald-400 bg-emerald-50' : 'border-red-400 bg-red-50'}`}
        data-testid="check-verdict"
        data-verdict={verdict.kind}
      >
        <h2 className={`text-xl font-bold ${official ? 'text-emerald-900' : 'text-red-900'}`} data-testid="check-verdict-title">
          {verdict.kind === 'migration' ? (
            <>✓ {t('verdictMigration')}</>
          ) : verdict.kind === 'revoke' ? (
            <>✓ {t('verdictRevoke')}</>
          ) : (
            <>✗ {t('verdictNotOfficial')}</>
          )}
        </h2>
        {verdict.kind === 'migration' && (
          <>
            <p className="mt-1 text-sm">{t('verdictMigrationBody')}</p>
            <dl className="mt-3 space-y-2 text-sm">
              <Row term={t('holder')}>
                <code className="break-all font-mono">{verdict.migration.holder}</code>
              </Row>
              <Row term={t('sends')} testId="check-sends">
                {t.rich('sendsValue', { amount: formatBaseUnits(verdict.migration.sends.amount, verdict.migration.sends.decimals, { locale }), b: strong })}
              </Row>
              <Row term={t('receives')} testId="check-receives">
                {t.rich('receivesValue', { amount: formatBaseUnits(verdict.migration.receives.amount, verdict.migration.receives.decimals, { locale }), b: strong })}
              </Row>
              <Row term={t('memo')}>
                <code className="break-all font-mono">{verdict.migration.memo}</code>
              </Row>
              <Row term={t('messageHash')}>
                <code className="break-all font-mono">{verdict.migration.messageHash}</code>
              </Row>
              {record && (
                <Row term={t('portalRecord')} testId="check-record">
                  {record.status === 'found'
                    ? record.migration.wallet === verdict.migration.holder && record.migration.amount === verdict.migration.sends.amount.toString()
                      ? t(`recordState.${record.migration.state}`)
                      : t('recordMismatch', { state: t(`recordState.${record.migration.state}`) })
                    : record.status === 'missing'
                      ? t('recordMissing')
                      : t('recordUnavailable')}
                </Row>
              )}
            </dl>
          </>
        )}
        {verdict.kind === 'revoke' && (
          <>
            <p className="mt-1 text-sm">{t('verdictRevokeBody')}</p>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {verdict.revoke.revokes.map((r) => (
                <li key={r.account}>{t.rich('revokes', { account: r.account, program: r.programName, code: (chunks) => <code className="break-all font-mono">{chunks}</code> })}</li>
              ))}
            </ul>
          </>
        )}
        {verdict.kind === 'not-official' && (
          <>
            <p className="mt-1 text-sm font-medium">{verdict.closestShape === 'revoke' ? t('notOfficialRevoke') : t('notOfficialMigration')}</p>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm" data-testid="check-violations" aria-label={t('violationsLabel')}>
              {violationTexts(verdict.violations, tPolicy).map((v) => (
                <li key={v.text} data-code={v.code}>
                  {v.text}
                </li>
              ))}
            </ul>
          </>
        )}
        {result.clusterNote && (
          <p className="mt-3 text-sm text-amber-900" data-testid="check-cluster-note">
            {t('clusterNote', { cluster: result.clusterNote })}
          </p>
        )}
        {onChain && (
          <p className="mt-3 text-sm" data-testid="check-onchain">
            {/* A slot is an identifier: shown as the chain writes it, without digit grouping. */}
            {onChain.failed ? t('onChainFailed', { slot: String(onChain.slot) }) : t('onChainOk', { slot: String(onChain.slot) })}
          </p>
        )}
      </section>

      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="check-decode">
        <h2 className="text-lg font-semibold">{t('decodeTitle')}</h2>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t('version')}</dt>
          <dd>{described.version === 'legacy' ? t('versionLegacy') : t('versionV0')}</dd>
          <dt className="text-slate-600">{t('feePayer')}</dt>
          <dd>
            <code className="break-all font-mono text-xs">{described.feePayer}</code>
          </dd>
          <dt className="text-slate-600">{t('signers')}</dt>
          <dd>
            {described.signers.map((s) => (
              <span key={s.address} className="block">
                <AddressText address={s.address} names={names} drainers={drainers} /> — {s.signed ? t('signed') : t('unsigned')}
              </span>
            ))}
          </dd>
        </dl>
        {described.lookupTableAccounts > 0 && <p className="mt-2 text-sm text-red-800">{t('lookupTables', { count: described.lookupTableAccounts })}</p>}
        <ol className="mt-4 space-y-3">
          {described.instructions.map((ix) => (
            <li key={ix.index} className="rounded-lg border border-slate-200 p-3" data-testid="check-instruction" data-name={ix.name}>
              <p className="font-medium">
                #{ix.index + 1} {t(`instructions.${ix.name}`, { detail: ix.detail ?? '' })}
              </p>
              <p className="text-xs text-slate-500">
                {ix.programId === null ? (
                  t('programFromLookupTable')
                ) : (
                  <>
                    {ix.programName ?? t('unknownProgram')} <code className="break-all font-mono">{ix.programId}</code>
                  </>
                )}
              </p>
              {ix.fields.length > 0 && (
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
                  {ix.fields.map((f, i) => (
                    <FieldRow key={`${f.label}-${i}`} field={f} names={names} drainers={drainers} />
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The cluster name explorers use in `?cluster=` for the portal's cluster (mainnet has none). */
function explorerClusterName(cluster: Cluster): string {
  return cluster === 'mainnet-beta' ? 'mainnet-beta' : cluster === 'localnet' ? 'custom' : cluster;
}

/**
 * A recovery phrase or a private key was pasted: the alarm, in red, before anything else. The
 * text is already gone from the page; this says never to paste it anywhere and to move the funds now.
 */
function SecretAlarm({ kind }: { kind: 'recovery-phrase' | 'secret-key' }) {
  const t = useTranslations('check');
  const ref = useFocusOnChange<HTMLDivElement>(kind);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="mt-3 rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-950 focus:outline-none" data-testid="check-secret-alarm" data-kind={kind}>
      <p className="text-lg font-bold">{kind === 'recovery-phrase' ? t('secret.titlePhrase') : t('secret.titleKey')}</p>
      <p className="mt-1">{t('secret.never')}</p>
      <p className="mt-2 font-semibold">{t('secret.moveNow')}</p>
      <p className="mt-1 text-sm">{t('secret.notStored')}</p>
    </div>
  );
}

/** Whether a pasted site is the portal: its origin against the official one in the signed manifest. */
function SiteVerdict({ site }: { site: SiteResult }) {
  const t = useTranslations('check');
  const ref = useFocusOnChange<HTMLHeadingElement>(site.url);
  const tone = site.official ? 'border-emerald-400 bg-emerald-50' : site.officialOrigin === null ? 'border-amber-400 bg-amber-50' : 'border-red-500 bg-red-50';
  return (
    <section className={`rounded-xl border-2 p-5 ${tone}`} data-testid="check-site" data-official={site.official ? 'true' : site.officialOrigin === null ? 'unknown' : 'false'}>
      <h2 ref={ref} tabIndex={-1} className={`text-xl font-bold focus:outline-none ${site.official ? 'text-emerald-900' : site.officialOrigin === null ? 'text-amber-900' : 'text-red-800'}`} data-testid="check-site-title">
        {site.official ? <>✓ {t('site.official')}</> : site.officialOrigin === null ? t('site.unverified') : <>✗ {t('site.notOfficial')}</>}
      </h2>
      <p className="mt-2 text-sm">
        {t('site.youPasted')} <code className="break-all font-mono">{site.origin}</code>
      </p>
      {site.officialOrigin !== null && (
        <p className="mt-1 text-sm">
          {t('site.officialIs')} <code className="break-all font-mono" data-testid="check-official-origin">{site.officialOrigin}</code>
        </p>
      )}
      <p className={`mt-2 text-sm ${site.official ? '' : 'font-semibold text-red-900'}`}>{site.official ? t('site.officialAdvice') : site.officialOrigin === null ? t('site.unverifiedAdvice') : t('site.notOfficialAdvice')}</p>
    </section>
  );
}

function Row({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function AddressText({ address, names, drainers }: { address: string; names: ReadonlyMap<string, string>; drainers: DrainerLabels }) {
  const t = useTranslations('check');
  const drainer = drainers.get(address);
  const name = names.get(address);
  return (
    <>
      <code className="break-all font-mono text-xs">{address}</code>
      {name && <span className="ml-1 text-slate-600">({name})</span>}
      {drainer && <strong className="ml-1 rounded bg-red-700 px-1 text-xs text-white">{t.rich('knownDrainer', { label: drainer, en: (chunks) => <span lang="en">{chunks}</span> })}</strong>}
    </>
  );
}

function FieldRow({ field, names, drainers }: { field: Field; names: ReadonlyMap<string, string>; drainers: DrainerLabels }) {
  const t = useTranslations('check');
  const locale = useLocale();
  let value: ReactNode;
  switch (field.kind) {
    case 'address':
      value = <AddressText address={field.address} names={names} drainers={drainers} />;
      break;
    case 'tokenAmount':
      value =
        field.decimals === null ? (
          <span className="tabular-nums">{t('baseUnits', { amount: field.amount.toString() })}</span>
        ) : (
          <strong className="tabular-nums">
            {formatBaseUnits(field.amount, field.decimals, { locale })} {field.symbol ?? ''}
          </strong>
        );
      break;
    case 'lamports':
      value = <strong className="tabular-nums">{formatBaseUnits(field.amount, SOL_DECIMALS, { locale })} SOL</strong>;
      break;
    case 'size':
      value = t('size', { bytes: field.bytes, accounts: field.accounts });
      break;
    case 'note':
      value = t(`notes.${field.note}`);
      break;
    default:
      value = <span className="break-all">{field.text}</span>;
  }
  return (
    <>
      <dt className="text-slate-600">
        {t(`fields.${field.label}`, { n: field.n ?? 0 })}
        {field.role !== undefined && (
          <>
            {' '}
            <code className="font-mono text-xs">({field.role})</code>
          </>
        )}
      </dt>
      <dd>{value}</dd>
    </>
  );
}
