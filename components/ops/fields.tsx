import type { ReactNode } from 'react';

/** Labelled inputs for the console's forms (server components: the form around them is the client part). */
const INPUT = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-brand';

export function TextField({ label, name, required, placeholder, defaultValue, hint, maxLength }: { label: string; name: string; required?: boolean; placeholder?: string; defaultValue?: string; hint?: string; maxLength?: number }) {
  return (
    <label className="block text-sm font-medium text-slate-800">
      {label}
      {required ? '' : <span className="font-normal text-slate-500"> (optional)</span>}
      <input type="text" name={name} required={required} placeholder={placeholder} defaultValue={defaultValue} maxLength={maxLength} className={INPUT} />
      {hint && <span className="mt-0.5 block text-xs font-normal text-slate-500">{hint}</span>}
    </label>
  );
}

export function TextArea({ label, name, required, placeholder, defaultValue, rows = 3, maxLength }: { label: string; name: string; required?: boolean; placeholder?: string; defaultValue?: string; rows?: number; maxLength?: number }) {
  return (
    <label className="block text-sm font-medium text-slate-800">
      {label}
      {required ? '' : <span className="font-normal text-slate-500"> (optional)</span>}
      <textarea name={name} required={required} placeholder={placeholder} defaultValue={defaultValue} rows={rows} maxLength={maxLength} className={INPUT} />
    </label>
  );
}

export function Select({ label, name, options, defaultValue, required }: { label: string; name: string; options: readonly (readonly [value: string, label: string])[]; defaultValue?: string; required?: boolean }) {
  return (
    <label className="block text-sm font-medium text-slate-800">
      {label}
      <select name={name} defaultValue={defaultValue} required={required} className={INPUT}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Card({ id, title, children, tone = 'plain' }: { id: string; title: string; children: ReactNode; tone?: 'plain' | 'alert' }) {
  const border = tone === 'alert' ? 'border-red-400 ring-2 ring-red-300' : 'border-slate-200';
  return (
    <section aria-labelledby={`${id}-heading`} id={id} className={`rounded-xl border bg-white p-6 shadow-sm ${border}`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3 space-y-4">{children}</div>
    </section>
  );
}
