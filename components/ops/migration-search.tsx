'use client';

import { type FormEvent, useState } from 'react';
import { reconcileOpsMigration, searchOpsMigrations } from '@/lib/api/ops-client';
import type { OpsMigrationsResponse } from '@/lib/api/types';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useErrorContext } from '@/components/errors/use-error-text';
import { OPS_ERROR_EXTRA } from '@/components/ops/errors';

type Found = OpsMigrationsResponse['migrations'][number];

/** Migrations search by wallet, signature or id, with a reconcile action per migration (ops API). */
export function MigrationSearch() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Found[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errorContext = useErrorContext('ops', OPS_ERROR_EXTRA);
  const [busy, setBusy] = useState(false);

  async function search(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResults((await searchOpsMigrations(query.trim())).migrations);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function reconcile(id: string) {
    setBusy(true);
    setError(null);
    try {
      const { migrations } = await reconcileOpsMigration(id);
      setResults((current) => current?.map((m) => migrations.find((n) => n.id === m.id) ?? m) ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="migration-search">
      <form onSubmit={search} className="flex flex-wrap items-end gap-2">
        <label className="block flex-1 text-sm font-medium text-slate-800">
          Wallet address, transaction signature or migration id
          <input value={query} onChange={(e) => setQuery(e.target.value)} name="q" required className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-sm" />
        </label>
        <button type="submit" disabled={busy} className="rounded-lg bg-brand px-4 py-2 text-sm font-medium text-brand-ink disabled:opacity-60">
          Search
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} context={errorContext} testId="ops-error" />}
      {results && results.length === 0 && <p className="text-sm text-slate-600">No migrations found.</p>}
      {results && results.length > 0 && (
        <ul className="divide-y divide-slate-200 text-sm" data-testid="migration-results">
          {results.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-3 py-2">
              <span className="font-mono">{m.id}</span>
              <span className="rounded bg-slate-100 px-2 py-0.5" data-testid="migration-state">
                {m.state}
              </span>
              <span className="tabular-nums">{m.amount} base units</span>
              {m.signature && <span className="break-all font-mono text-xs text-slate-600">{m.signature}</span>}
              {m.error && <span className="text-red-800">{m.error}</span>}
              <button type="button" disabled={busy} onClick={() => void reconcile(m.id)} className="ml-auto rounded border border-slate-300 px-3 py-1 disabled:opacity-60">
                Reconcile
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
