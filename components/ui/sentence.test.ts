import { createElement, isValidElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { sentence } from '@/components/ui/sentence';

const messages = {
  started: 'Started {time}',
  window: '{opens} to {closes}',
  windowKo: '{opens}부터 {closes}까지',
  since: '{time} ({relative})',
};

describe('sentence (an element in place of a translated argument)', () => {
  const t = createTranslator({ locale: 'en', messages });
  const b = (text: string) => createElement('b', null, text);

  it('puts each element where its argument is, in the language’s own word order', () => {
    const html = (node: React.ReactNode) => renderToStaticMarkup(createElement('p', null, node));
    expect(html(sentence((m) => t('started', m), { time: b('09:00 KST') }))).toBe('<p>Started <b>09:00 KST</b></p>');
    expect(html(sentence((m) => t('window', m), { opens: b('1'), closes: b('2') }))).toBe('<p><b>1</b> to <b>2</b></p>');
    expect(html(sentence((m) => t('windowKo', m), { closes: b('2'), opens: b('1') }))).toBe('<p><b>1</b>부터 <b>2</b>까지</p>');
  });

  it('keeps the other arguments as the translator formats them', () => {
    const parts = sentence((m) => t('since', { relative: '3 minutes ago', ...m }), { time: b('x') }) as React.ReactNode[];
    expect(parts.filter((p) => typeof p === 'string' && p !== '')).toEqual([' (3 minutes ago)']);
    expect(parts.filter(isValidElement)).toHaveLength(1);
  });
});
