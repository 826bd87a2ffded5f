import type { ReactNode } from 'react';
import { LocaleLink } from '@/components/ui/locale-link';

/** Tag renderers for rich messages (`t.rich`): `<b>` and `<code>` only; links are given per message. */
export const RICH_BASICS = {
  b: (chunks: ReactNode) => <strong>{chunks}</strong>,
  code: (chunks: ReactNode) => <code className="font-mono text-sm">{chunks}</code>,
};

/** A `<link>` tag renderer pointing to a page of the portal (locale-aware). */
export function pageLink(href: string) {
  function RichLink(chunks: ReactNode) {
    return (
      <LocaleLink href={href} className="font-medium text-brand underline underline-offset-4">
        {chunks}
      </LocaleLink>
    );
  }
  return RichLink;
}

/** Messages that hold a list keep its items separated by `|` (one translatable string per list). */
export function listItems(message: string): string[] {
  return message.split('|').map((item) => item.trim()).filter((item) => item !== '');
}
