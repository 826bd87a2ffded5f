import { describe, expect, it } from 'vitest';
import { incidentsAtomFeed, xmlEscape } from '@/lib/status/atom';
import type { Incident } from '@/lib/status/incidents';

const at = (iso: string) => new Date(iso);
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  severity: 'critical',
  title: { en: 'Fake <b>site</b> & "phishing"', ko: null },
  state: 'identified',
  startedAt: at('2026-11-23T10:00:00.000Z'),
  updatedAt: at('2026-11-23T11:00:00.000Z'),
  resolvedAt: null,
  nextUpdateBy: at('2026-11-23T12:00:00.000Z'),
  link: 'https://x.com/a?b=1&c=2',
  updates: [
    { id: 'u2', at: at('2026-11-23T11:00:00.000Z'), state: 'identified', body: { en: '</content><script>alert(1)</script>', ko: '가짜 사이트 <주의>' } },
    { id: 'u1', at: at('2026-11-23T10:00:00.000Z'), state: 'investigating', body: { en: "It's \u0007odd\u0000", ko: null } },
  ],
  ...over,
});

describe('xmlEscape', () => {
  it('escapes the five XML specials and drops characters XML cannot carry', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('a\u0000b\u0008c\u000bd\ufffee\tf\ng\rh')).toBe('abcde\tf\ng\rh');
    expect(xmlEscape('lone \ud800 surrogate, pair 😀')).toBe('lone  surrogate, pair 😀');
  });
});

describe('incidentsAtomFeed', () => {
  const xml = incidentsAtomFeed([incident()], { appUrl: 'https://migrate.example.org', now: at('2026-11-23T12:30:00.000Z') });

  it('is an Atom 1.0 feed with the required elements', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect(xml).toContain('<id>https://migrate.example.org/status</id>');
    expect(xml).toContain('<updated>2026-11-23T11:00:00.000Z</updated>');
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://migrate.example.org/api/v1/status/incidents.atom"/>');
    expect(xml).toContain('<author><name>');
    expect(xml).toContain('<id>urn:uuid:3b241101-e2bb-4255-8caf-4136c566a962</id>');
    expect(xml.trim().endsWith('</feed>')).toBe(true);
  });

  it('keeps every ops-written string as escaped text', () => {
    expect(xml).toContain('<title type="text">[critical] Fake &lt;b&gt;site&lt;/b&gt; &amp; &quot;phishing&quot;</title>');
    expect(xml).toContain('&lt;/content&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('(한국어) 가짜 사이트 &lt;주의&gt;');
    expect(xml).toContain('It&apos;s odd');
    expect(xml).toContain('More: https://x.com/a?b=1&amp;c=2');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    // Exactly the elements written here, nothing smuggled in by the text.
    const tags = new Set([...xml.matchAll(/<\/?([A-Za-z?][\w:.-]*)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['?xml', 'author', 'category', 'content', 'entry', 'feed', 'id', 'link', 'name', 'published', 'title', 'updated'].sort());
  });

  it('lists updates newest first and says when the next one is due', () => {
    expect(xml.indexOf('Identified:')).toBeLessThan(xml.indexOf('Investigating:'));
    expect(xml).toContain('Next update by 2026-11-23T12:00:00.000Z.');
  });

  it('is valid with no incidents (updated = now)', () => {
    const empty = incidentsAtomFeed([], { appUrl: 'https://migrate.example.org', now: at('2026-11-23T12:30:00.000Z') });
    expect(empty).toContain('<updated>2026-11-23T12:30:00.000Z</updated>');
    expect(empty).not.toContain('<entry>');
  });
});

describe('the Korean feed', () => {
  const labels = {
    feedTitle: 'AI16Z → ELIZAOS 전환: 장애 공지',
    resolved: '(해결됨)',
    nextUpdateBy: '다음 업데이트 예정:',
    more: '추가 정보',
    states: { investigating: '조사 중', identified: '원인 확인', monitoring: '모니터링 중', resolved: '해결됨' },
  };
  const xml = incidentsAtomFeed([incident({ title: { en: 'Fake site', ko: '가짜 사이트' } })], { appUrl: 'https://migrate.example.org', now: at('2026-11-23T12:30:00.000Z'), locale: 'ko', labels });

  it('is in Korean, links to the Korean status page, and uses the Korean texts ops wrote', () => {
    expect(xml).toContain('xml:lang="ko"');
    expect(xml).toContain('<title type="text">AI16Z → ELIZAOS 전환: 장애 공지</title>');
    expect(xml).toContain('<title type="text">[critical] 가짜 사이트</title>');
    expect(xml).toContain('href="https://migrate.example.org/ko/status#incident-3b241101-e2bb-4255-8caf-4136c566a962"');
    expect(xml).toContain('href="https://migrate.example.org/api/v1/status/incidents.atom?lang=ko"');
    expect(xml).toContain('원인 확인: 가짜 사이트 &lt;주의&gt;');
    // No Korean text for this update: the English one, still escaped.
    expect(xml).toContain("조사 중: It&apos;s odd");
  });
});
