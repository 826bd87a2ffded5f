import type { LocalizedText } from '@/lib/status/incidents';
import { pickLocalized } from '@/lib/status/localized';

/**
 * Ops-written text in the reader's locale (English when ops wrote no Korean, marked `lang="en"` and
 * followed by `fallbackNote`). Rendered as a React text node: whatever the database holds, it is
 * never parsed as HTML.
 */
export function LocalizedOpsText({ text, locale, fallbackNote, className }: { text: LocalizedText; locale: string; fallbackNote?: string; className?: string }) {
  const picked = pickLocalized(text, locale);
  return (
    <span className={className}>
      <span lang={picked.lang}>{picked.text}</span>
      {picked.fallback && fallbackNote ? <span className="ml-1 text-xs opacity-80">{fallbackNote}</span> : null}
    </span>
  );
}
