'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiRequestError } from '@/lib/api/client';
import { sendOpsAction } from '@/lib/api/ops-client';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useErrorContext } from '@/components/errors/use-error-text';
import { OPS_ERROR_EXTRA } from '@/components/ops/errors';

type Method = 'POST' | 'PUT' | 'DELETE';

/**
 * Builds the JSON body from a form: names with dots nest (`title.en` → `{title: {en}}`), empty
 * fields are left out (the server treats them as absent), `fixed` values are always sent.
 */
export function formToJson(data: FormData, fixed: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...fixed };
  for (const [name, raw] of data.entries()) {
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    if (value === '') continue;
    const parts = name.split('.');
    let target = body;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      target[part] = typeof next === 'object' && next !== null ? next : {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1] ?? name] = value;
  }
  return body;
}

/**
 * One ops action: the server-rendered inputs inside are sent as JSON to the ops API (the same API
 * the CLI uses), then the page refreshes with the new state. Errors are worded by code
 * (`describeError`, with the server's own sentence as detail). A 401 (session ended) refreshes into
 * the sign-in screen.
 */
export function OpsActionForm({
  endpoint,
  method = 'POST',
  fixed,
  submitLabel,
  busyLabel = 'Working…',
  tone = 'primary',
  testId,
  className,
  pathField,
  children,
}: {
  endpoint: string;
  /** A field whose value is appended to `endpoint` as the last path segment (and left out of the body). */
  pathField?: string;
  method?: Method;
  fixed?: Record<string, unknown>;
  submitLabel: string;
  busyLabel?: string;
  tone?: 'primary' | 'danger' | 'secondary';
  testId?: string;
  className?: string;
  children?: ReactNode;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorContext = useErrorContext('ops', OPS_ERROR_EXTRA);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const json = formToJson(new FormData(form), fixed);
      let url = endpoint;
      if (pathField) {
        url = `${endpoint}/${encodeURIComponent(String(json[pathField] ?? ''))}`;
        delete json[pathField];
      }
      await sendOpsAction(method, url, method === 'DELETE' ? undefined : json);
      form.reset();
      setDone(true);
      router.refresh();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiRequestError && caught.status === 401) router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const tones = {
    primary: 'bg-brand text-brand-ink hover:bg-blue-800',
    danger: 'bg-red-700 text-white hover:bg-red-800',
    secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50',
  } as const;
  return (
    <form onSubmit={onSubmit} method="post" className={className ?? 'space-y-3'} data-testid={testId} aria-busy={busy}>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className={`rounded-lg px-4 py-2 text-sm font-medium disabled:opacity-60 ${tones[tone]}`}>
          {busy ? busyLabel : submitLabel}
        </button>
        {done && error === null && (
          <span role="status" className="text-sm text-emerald-800">
            Done.
          </span>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} context={errorContext} testId="ops-error" />}
    </form>
  );
}
