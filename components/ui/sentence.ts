import { createElement, Fragment, type ReactNode } from 'react';

const OPEN = '\u{F0000}';
const CLOSE = '\u{F0001}';
const MARKER = new RegExp(`${OPEN}(\\w+)${CLOSE}`, 'u');

/**
 * A translated sentence with elements in place of some of its arguments, e.g. a `<ReaderTime>`
 * that the browser prints again in the reader's own zone. next-intl takes strings, numbers and
 * dates as arguments (https://next-intl.dev/docs/usage/messages#rich-text takes elements only as
 * tags), so each element's argument is given a private-use marker and the translated text is cut
 * at the markers: the sentence's word order stays the language's own.
 *
 * @param translate calls the translator with the markers among its values: `(m) => t('started', { ...m })`.
 * @param elements the element of each argument name.
 */
export function sentence(translate: (markers: Record<string, string>) => string, elements: Record<string, ReactNode>): ReactNode {
  const markers = Object.fromEntries(Object.keys(elements).map((name) => [name, `${OPEN}${name}${CLOSE}`]));
  return translate(markers)
    .split(MARKER)
    .map((part, i) => (i % 2 === 1 ? createElement(Fragment, { key: i }, elements[part]) : part));
}
