/**
 * The parts every content page is made of, once: the page's heading with its intro, and a
 * section headed by an `h2` it is labelled by (so a screen reader announces each section by its
 * heading). Server components; the classes are written out whole so Tailwind finds them.
 */
import type { ReactNode } from 'react';

/** The page's `h1` and the paragraph under it; `children` follow the intro (a second paragraph, a note). */
export function PageHeader({ title, intro, narrow = false, children }: { title: ReactNode; intro: ReactNode; narrow?: boolean; children?: ReactNode }) {
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <p className={narrow ? 'mt-2 max-w-2xl text-slate-700' : 'mt-2 text-slate-700'}>{intro}</p>
      {children}
    </div>
  );
}

const HEADING_CLASS = { lg: 'text-lg font-semibold', xl: 'text-xl font-semibold', '2xl': 'text-2xl font-semibold' } as const;

/**
 * A `section` labelled by its `h2` (`${name}-heading`, or `headingId`).
 * @param size the heading's text size
 */
export function HeadedSection({
  name,
  heading,
  size = 'xl',
  className,
  id,
  headingId,
  testId,
  children,
}: {
  name: string;
  heading: ReactNode;
  size?: keyof typeof HEADING_CLASS;
  className?: string;
  id?: string;
  headingId?: string;
  testId?: string;
  children: ReactNode;
}) {
  const labelledBy = headingId ?? `${name}-heading`;
  return (
    <section aria-labelledby={labelledBy} id={id} className={className} data-testid={testId}>
      <h2 id={labelledBy} className={HEADING_CLASS[size]}>
        {heading}
      </h2>
      {children}
    </section>
  );
}

/** The page's table of contents: a link to each section's `id`, numbered or not. */
export function PageContents({ label, entries, numbered = false }: { label: string; entries: { id: string; title: ReactNode }[]; numbered?: boolean }) {
  const items = entries.map((e) => (
    <li key={e.id}>
      <a href={`#${e.id}`} className="text-brand underline underline-offset-4">
        {e.title}
      </a>
    </li>
  ));
  return (
    <nav aria-label={label} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      {numbered ? <ol className="list-decimal space-y-1 pl-5">{items}</ol> : <ul className="space-y-1">{items}</ul>}
    </nav>
  );
}
