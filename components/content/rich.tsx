import { Fragment, type ReactNode } from 'react';
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

/**
 * {@link listItems} of a rich message (`t.rich(key, RICH_BASICS)`): the `|` separators are found
 * in its text parts, so an item may hold `<code>` or `<b>`. Each item is a list of nodes, keyed.
 */
export function richListItems(message: ReactNode): ReactNode[][] {
  const items: ReactNode[][] = [[]];
  for (const node of Array.isArray(message) ? message : [message]) {
    if (typeof node !== 'string') {
      items[items.length - 1]?.push(node);
      continue;
    }
    node.split('|').forEach((text, i) => {
      if (i > 0) items.push([]);
      if (text) items[items.length - 1]?.push(text);
    });
  }
  return items
    .map((nodes) => nodes.map((node, i) => (typeof node !== 'string' ? node : trimAt(node, i === 0, i === nodes.length - 1))).filter((node) => node !== ''))
    .filter((nodes) => nodes.length > 0)
    .map((nodes) => nodes.map((node, i) => <Fragment key={i}>{node}</Fragment>));
}

/** An item's text trimmed where the item starts and ends (not between its inline elements). */
function trimAt(text: string, start: boolean, end: boolean): string {
  const head = start ? text.trimStart() : text;
  return end ? head.trimEnd() : head;
}
